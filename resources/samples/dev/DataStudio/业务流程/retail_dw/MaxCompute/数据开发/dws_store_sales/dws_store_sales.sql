--odps sql
--********************************************************************--
--author: bob@retail-demo.onaliyun.com
--create time: 2024-05-21 10:12:00
--********************************************************************--
-- Daily sales and payments per store.
INSERT OVERWRITE TABLE retail_dev.dws_store_sales PARTITION (dt = '${bizdate}')
SELECT  s.store_id
        ,st.region
        ,SUM(s.order_count) AS order_count
        ,SUM(s.sales_amount) AS sales_amount
        ,MAX(pay.paid_amount) AS paid_amount
FROM    retail_dev.dws_sales_daily s
JOIN    retail_dev.ods_stores st
ON      s.store_id = st.store_id
AND     st.dt = '${bizdate}'
LEFT JOIN (
    SELECT  o.store_id, SUM(p.paid_amount) AS paid_amount
    FROM    retail_dev.dwd_order_payments p
    JOIN    retail_dev.dwd_orders o ON p.order_id = o.order_id AND o.dt = '${bizdate}'
    WHERE   p.dt = '${bizdate}'
    GROUP BY o.store_id
) pay
ON      s.store_id = pay.store_id
WHERE   s.dt = '${bizdate}'
GROUP BY s.store_id, st.region
;
