--odps sql
--********************************************************************--
--author: bob@retail-demo.onaliyun.com
--create time: 2024-05-21 10:12:00
--********************************************************************--
-- Cleansed order facts, one row per order and business date.
INSERT OVERWRITE TABLE retail_dev.dwd_orders PARTITION (dt = '${bizdate}')
SELECT  o.order_id
        ,o.customer_id
        ,o.store_id
        ,o.order_status
        ,o.order_amount
        ,COUNT(i.item_id) AS item_count
        ,o.created_at
FROM    retail_dev.ods_orders o
LEFT JOIN retail_dev.ods_order_items i
ON      o.order_id = i.order_id
AND     i.dt = '${bizdate}'
WHERE   o.dt = '${bizdate}'
AND     o.order_status <> 'TEST'
GROUP BY o.order_id, o.customer_id, o.store_id, o.order_status, o.order_amount, o.created_at
;
