--odps sql
--********************************************************************--
--author: bob@retail-demo.onaliyun.com
--create time: 2024-05-21 10:12:00
--********************************************************************--
-- Daily sales per store and SKU.
INSERT OVERWRITE TABLE retail_dev.dws_sales_daily PARTITION (dt = '${bizdate}')
SELECT  o.store_id
        ,p.sku
        ,p.category
        ,COUNT(DISTINCT o.order_id) AS order_count
        ,SUM(i.quantity) AS quantity
        ,SUM(i.quantity * i.unit_price) AS sales_amount
FROM    retail_dev.dwd_orders o
JOIN    retail_dev.ods_order_items i
ON      o.order_id = i.order_id
AND     i.dt = '${bizdate}'
JOIN    retail_dev.dwd_products p
ON      normalize_sku(i.sku) = p.sku
AND     p.dt = '${bizdate}'
WHERE   o.dt = '${bizdate}'
AND     o.order_status IN ('PAID', 'SHIPPED', 'COMPLETED')
GROUP BY o.store_id, p.sku, p.category
;
