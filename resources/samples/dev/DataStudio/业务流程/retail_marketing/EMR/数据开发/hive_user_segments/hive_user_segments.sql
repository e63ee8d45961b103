-- Behavioural segments for the CRM (active, lapsing, dormant).
INSERT OVERWRITE TABLE retail_mkt.user_segments PARTITION (dt = '${bizdate}')
SELECT  customer_id
        ,CASE WHEN MAX(started_at) >= date_sub(to_date(from_unixtime(unix_timestamp('${bizdate}', 'yyyyMMdd'))), 7) THEN 'active'
              WHEN MAX(started_at) >= date_sub(to_date(from_unixtime(unix_timestamp('${bizdate}', 'yyyyMMdd'))), 30) THEN 'lapsing'
              ELSE 'dormant' END AS segment
FROM    retail_mkt.dwd_sessions
WHERE   dt > date_format(date_sub(to_date(from_unixtime(unix_timestamp('${bizdate}', 'yyyyMMdd'))), 90), 'yyyyMMdd')
AND     customer_id IS NOT NULL
GROUP BY customer_id;
