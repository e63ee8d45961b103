--odps sql
--********************************************************************--
--author: bob@retail-demo.onaliyun.com
--create time: 2024-05-21 10:12:00
--********************************************************************--
-- Monthly sales by region and category with month-over-month growth.
INSERT OVERWRITE TABLE retail_dev.ads_monthly_report PARTITION (dt = '${bizdate}')
SELECT  cur.region
        ,cur.category
        ,cur.sales_amount
        ,CASE WHEN prev.sales_amount > 0 THEN cur.sales_amount / prev.sales_amount - 1 END AS mom_growth
FROM    (
    SELECT  st.region, s.category, SUM(s.sales_amount) AS sales_amount
    FROM    retail_dev.dws_sales_daily s
    JOIN    retail_dev.ods_stores st ON s.store_id = st.store_id AND st.dt = '${bizdate}'
    WHERE   SUBSTR(s.dt, 1, 6) = SUBSTR('${bizdate}', 1, 6)
    GROUP BY st.region, s.category
) cur
LEFT JOIN retail_dev.ads_monthly_report prev
ON      cur.region = prev.region
AND     cur.category = prev.category
AND     prev.dt = TO_CHAR(DATEADD(TO_DATE('${bizdate}', 'yyyymmdd'), -1, 'mm'), 'yyyymmdd')
;
