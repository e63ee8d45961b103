--odps sql
--********************************************************************--
--author: alice@retail-demo.onaliyun.com
--create time: 2024-05-21 10:12:00
--********************************************************************--
-- Contactable customers with masked phone numbers (UDF mask_phone).
INSERT OVERWRITE TABLE retail_dev.dws_customer_contact PARTITION (dt = '${bizdate}')
SELECT  c.customer_id
        ,mask_phone(o.phone) AS masked_phone
        ,REGEXP_EXTRACT(o.email, '@(.+)$', 1) AS email_domain
        ,c.vip_level
FROM    retail_dev.dwd_customers c
JOIN    retail_dev.ods_customers o
ON      c.customer_id = o.customer_id
AND     o.dt = '${bizdate}'
WHERE   c.dt = '${bizdate}'
;
