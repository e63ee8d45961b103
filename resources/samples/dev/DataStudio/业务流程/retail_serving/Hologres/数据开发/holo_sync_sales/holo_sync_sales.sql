-- Copies daily sales from MaxCompute into the serving table.
IMPORT FOREIGN SCHEMA retail_dev LIMIT TO (dws_sales_daily) FROM SERVER odps_server INTO ext_retail OPTIONS (if_table_exist 'update');
BEGIN;
DELETE FROM serving.sales_daily WHERE dt = '${bizdate}';
INSERT INTO serving.sales_daily (store_id, sku, category, order_count, quantity, sales_amount, dt)
SELECT store_id, sku, category, order_count, quantity, sales_amount, dt
FROM   ext_retail.dws_sales_daily
WHERE  dt = '${bizdate}';
COMMIT;
