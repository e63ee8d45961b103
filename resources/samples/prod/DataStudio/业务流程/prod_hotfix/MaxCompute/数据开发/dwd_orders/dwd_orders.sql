--odps sql
--********************************************************************--
--author: erin@retail-demo.onaliyun.com
--create time: 2024-06-18 16:02:00
--********************************************************************--
-- Hand-made hotfix copy of the order facts (created directly in prod).
INSERT OVERWRITE TABLE retail_prod.dwd_orders PARTITION (dt = '${bizdate}')
SELECT  order_id, customer_id, store_id, order_status, order_amount, 0 AS item_count, created_at
FROM    retail_prod.ods_orders
WHERE   dt = '${bizdate}'
;
