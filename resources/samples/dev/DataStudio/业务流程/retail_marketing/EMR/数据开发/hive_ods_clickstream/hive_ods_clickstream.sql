-- Loads the raw clickstream partition landed by the web tier into ORC.
SET hive.exec.dynamic.partition.mode=nonstrict;
INSERT OVERWRITE TABLE retail_mkt.ods_clickstream PARTITION (dt = '${bizdate}')
SELECT  event_id
        ,session_id
        ,customer_id
        ,page
        ,campaign_code
        ,event_time
FROM    retail_mkt.raw_clickstream_ext
WHERE   dt = '${bizdate}'
AND     event_id IS NOT NULL;
