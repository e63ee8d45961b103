# Re-runs the daily sales aggregation for the backfilled date.
d = args['backfill_date']
o.execute_sql("INSERT OVERWRITE TABLE retail_dev.dws_sales_daily PARTITION (dt='%s') "
              "SELECT o.store_id, i.sku, 'UNKNOWN', COUNT(DISTINCT o.order_id), SUM(i.quantity), SUM(i.quantity * i.unit_price) "
              "FROM retail_dev.dwd_orders o JOIN retail_dev.ods_order_items i ON o.order_id = i.order_id AND i.dt = '%s' "
              "WHERE o.dt = '%s' GROUP BY o.store_id, i.sku" % (d, d, d))
print('backfilled', d)
