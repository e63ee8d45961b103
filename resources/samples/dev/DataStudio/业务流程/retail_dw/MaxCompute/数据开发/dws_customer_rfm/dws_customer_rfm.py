##@resource_reference{"rfm_utils.py"}
# Recency/frequency/monetary scores per customer over the last 365 days.
import sys
sys.path.insert(0, '.')
from rfm_utils import score_rfm

bizdate = args['bizdate']
query = """
SELECT  customer_id
        ,DATEDIFF(TO_DATE('%(d)s', 'yyyymmdd'), MAX(created_at), 'dd') AS recency_days
        ,COUNT(*) AS frequency
        ,SUM(order_amount) AS monetary
FROM    retail_dev.dwd_orders
WHERE   dt > TO_CHAR(DATEADD(TO_DATE('%(d)s', 'yyyymmdd'), -365, 'dd'), 'yyyymmdd')
AND     dt <= '%(d)s'
GROUP BY customer_id
""" % {'d': bizdate}

rows = []
with o.execute_sql(query).open_reader() as reader:
    for r in reader:
        rows.append([r.customer_id, r.recency_days, r.frequency, r.monetary,
                     score_rfm(r.recency_days, r.frequency, r.monetary)])

table = o.get_table('dws_customer_rfm', project='retail_dev')
with table.open_writer(partition='dt=%s' % bizdate, create_partition=True) as writer:
    writer.write(rows)
print('scored %d customers for %s' % (len(rows), bizdate))
