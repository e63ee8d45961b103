--odps sql
--********************************************************************--
--author: alice@retail-demo.onaliyun.com
--create time: 2024-06-03 15:40:00
--********************************************************************--
-- Re-derives dwd_orders for one date from the ODS history.
INSERT OVERWRITE TABLE retail_dev.dwd_orders PARTITION (dt = '${backfill_date}')
SELECT  order_id, customer_id, store_id, order_status, order_amount, 0 AS item_count, created_at
FROM    retail_dev.ods_orders
WHERE   dt = '${backfill_date}'
;
