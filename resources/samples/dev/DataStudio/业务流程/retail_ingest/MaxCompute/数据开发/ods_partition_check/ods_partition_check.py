# Fails the flow when an ODS partition of the business date is missing or empty.
bizdate = args['bizdate']
tables = [
    'retail_dev.ods_orders', 'retail_dev.ods_order_items', 'retail_dev.ods_customers', 'retail_dev.ods_products',
    'retail_dev.ods_stores', 'retail_dev.ods_inventory', 'retail_dev.ods_erp_suppliers',
]
missing = []
for name in tables:
    project, table = name.split('.')
    t = o.get_table(table, project=project)
    spec = 'dt=%s' % bizdate
    if not t.exist_partition(spec):
        missing.append(name)
        continue
    with t.open_reader(partition=spec) as reader:
        if reader.count == 0:
            missing.append(name + ' (empty)')
if missing:
    raise Exception('ODS partitions missing for %s: %s' % (bizdate, ', '.join(missing)))
print('all %d ODS partitions present for %s' % (len(tables), bizdate))
