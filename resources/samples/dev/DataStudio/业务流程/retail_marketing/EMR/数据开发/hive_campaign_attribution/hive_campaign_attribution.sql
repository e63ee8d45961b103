-- Last-touch attribution of orders to campaigns (paused while marketing rebuilds the model).
INSERT OVERWRITE TABLE retail_mkt.ads_campaign_attribution PARTITION (dt = '${bizdate}')
SELECT  s.campaign_code
        ,COUNT(DISTINCT s.customer_id) AS customers
        ,COUNT(DISTINCT o.order_id) AS orders
FROM    retail_mkt.dwd_sessions s
LEFT JOIN retail_mkt.ext_dwd_orders o
ON      s.customer_id = o.customer_id
AND     o.dt = '${bizdate}'
WHERE   s.dt = '${bizdate}'
AND     s.campaign_code IS NOT NULL
GROUP BY s.campaign_code;
