-- Copies the RFM scores into the serving table used by the CRM app.
IMPORT FOREIGN SCHEMA retail_dev LIMIT TO (dws_customer_rfm) FROM SERVER odps_server INTO ext_retail OPTIONS (if_table_exist 'update');
BEGIN;
DELETE FROM serving.customer_rfm;
INSERT INTO serving.customer_rfm (customer_id, recency_days, frequency, monetary, rfm_segment)
SELECT customer_id, recency_days, frequency, monetary, rfm_segment
FROM   ext_retail.dws_customer_rfm
WHERE  dt = '${bizdate}';
COMMIT;
