-- Sessionised clicks (30 minutes of inactivity close a session).
INSERT OVERWRITE TABLE retail_mkt.dwd_sessions PARTITION (dt = '${bizdate}')
SELECT  session_id
        ,MAX(customer_id) AS customer_id
        ,MIN(event_time) AS started_at
        ,MAX(event_time) AS ended_at
        ,COUNT(*) AS events
        ,MAX(campaign_code) AS campaign_code
FROM    retail_mkt.ods_clickstream
WHERE   dt = '${bizdate}'
GROUP BY session_id;
