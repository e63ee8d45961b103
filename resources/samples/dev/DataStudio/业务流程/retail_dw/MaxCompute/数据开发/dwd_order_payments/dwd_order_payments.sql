--odps sql
--********************************************************************--
--author: bob@retail-demo.onaliyun.com
--create time: 2024-05-21 10:12:00
--********************************************************************--
-- Orders matched with payments from the finance project (cross-project dependency).
INSERT OVERWRITE TABLE retail_dev.dwd_order_payments PARTITION (dt = '${bizdate}')
SELECT  o.order_id
        ,p.payment_id
        ,p.pay_channel
        ,p.paid_amount
        ,p.paid_at
FROM    retail_dev.dwd_orders o
JOIN    finance_dev.dwd_payments p
ON      o.order_id = p.order_id
AND     p.dt = '${bizdate}'
WHERE   o.dt = '${bizdate}'
;
