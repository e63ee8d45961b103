--odps sql
--********************************************************************--
--author: alice@retail-demo.onaliyun.com
--create time: 2024-05-21 10:12:00
--********************************************************************--
-- Customer dimension without direct identifiers.
INSERT OVERWRITE TABLE retail_dev.dwd_customers PARTITION (dt = '${bizdate}')
SELECT  customer_id
        ,customer_name
        ,city
        ,COALESCE(vip_level, 'NONE') AS vip_level
        ,registered_at
FROM    retail_dev.ods_customers
WHERE   dt = '${bizdate}'
;
