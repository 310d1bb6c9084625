ALTER TABLE j3_fw_item_${run} ADD COLUMN price decimal(10, 2);
UPDATE j3_fw_item_${run} SET price = 9.99 WHERE id = 1;
