CREATE TABLE j3_fw_item_${run} (
    id int PRIMARY KEY,
    name varchar(40) NOT NULL
);
