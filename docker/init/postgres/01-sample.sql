-- Sample data for the compose stack: customers live in PostgreSQL, their orders in MariaDB
-- (docker/init/mariadb), keyed by customer id, so one JDBC URL can reach both.
CREATE TABLE customers (
    id         INT PRIMARY KEY,
    name       VARCHAR(100) NOT NULL,
    country    CHAR(2)      NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);

INSERT INTO customers (id, name, country) VALUES
    (1, 'Ada Lovelace',      'GB'),
    (2, 'Grace Hopper',      'US'),
    (3, 'Edsger Dijkstra',   'NL'),
    (4, 'Barbara Liskov',    'US'),
    (5, 'Kristen Nygaard',   'NO');
