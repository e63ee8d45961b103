-- Copies store sales into the serving table.
IMPORT FOREIGN SCHEMA retail_dev LIMIT TO (dws_store_sales) FROM SERVER odps_server INTO ext_retail OPTIONS (if_table_exist 'update');
INSERT INTO serving.store_sales (store_id, region, order_count, sales_amount, paid_amount, dt)
SELECT store_id, region, order_count, sales_amount, paid_amount, dt
FROM   ext_retail.dws_store_sales
WHERE  dt = '${bizdate}'
ON CONFLICT (store_id, dt) DO UPDATE SET order_count = EXCLUDED.order_count, sales_amount = EXCLUDED.sales_amount, paid_amount = EXCLUDED.paid_amount;
