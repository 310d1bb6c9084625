-- Sample data for the compose stack: orders of the customers in PostgreSQL (docker/init/postgres).
CREATE TABLE orders (
    id          INT PRIMARY KEY,
    customer_id INT            NOT NULL,
    amount      DECIMAL(12, 2) NOT NULL,
    ordered_at  DATETIME       NOT NULL
);

INSERT INTO orders (id, customer_id, amount, ordered_at) VALUES
    (101, 1,  120.00, '2025-01-05 10:15:00'),
    (102, 2,   75.50, '2025-01-06 14:02:00'),
    (103, 2,  310.25, '2025-02-11 09:45:00'),
    (104, 4,   19.99, '2025-03-01 17:30:00'),
    (105, 5, 1250.00, '2025-03-02 08:00:00');
