--odps sql
--********************************************************************--
--author: dave@retail-demo.onaliyun.com
--create time: 2024-05-21 10:12:00
--********************************************************************--
-- Inventory snapshot joined with supplier lead times from the legacy ERP.
INSERT OVERWRITE TABLE retail_dev.dwd_inventory PARTITION (dt = '${bizdate}')
SELECT  i.store_id
        ,normalize_sku(i.sku) AS sku
        ,i.on_hand
        ,s.supplier_id
        ,s.lead_time_days
FROM    retail_dev.ods_inventory i
LEFT JOIN retail_dev.ods_erp_suppliers s
ON      normalize_sku(i.sku) = normalize_sku(s.sku)
AND     s.dt = '${bizdate}'
WHERE   i.dt = '${bizdate}'
;
