INSERT INTO j3_fw_item_${run} (id, name) VALUES (1, 'first');
INSERT INTO j3_fw_item_${run} (id, name) VALUES (2, 'second');
