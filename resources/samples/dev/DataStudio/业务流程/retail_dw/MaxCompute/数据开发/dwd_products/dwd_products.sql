--odps sql
--********************************************************************--
--author: bob@retail-demo.onaliyun.com
--create time: 2024-05-21 10:12:00
--********************************************************************--
-- Product dimension with normalised SKUs (UDF normalize_sku).
INSERT OVERWRITE TABLE retail_dev.dwd_products PARTITION (dt = '${bizdate}')
SELECT  normalize_sku(sku) AS sku
        ,product_name
        ,category
        ,brand
        ,list_price
FROM    retail_dev.ods_products
WHERE   dt = '${bizdate}'
;
