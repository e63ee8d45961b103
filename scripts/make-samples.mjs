#!/usr/bin/env node
// Generates the two sample local workspaces in resources/samples/{dev,prod}: a source (retail_dev) and a destination
// (retail_prod) in the SPEC package layout plus workspace.json. Deterministic: no clock, no randomness; ids are hashes
// of fixed seeds, so re-running reproduces the same bytes. Plain Node ESM, node:* only.
//
//   node scripts/make-samples.mjs            writes resources/samples/dev and resources/samples/prod
//   node scripts/make-samples.mjs --check    exits 1 if the committed files differ from what it would write
//
// What the samples contain, and what a dev -> prod migration must run into, is described in resources/samples/README.md.

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'samples');

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

/** A 19-digit numeric id like DataWorks writes, derived from a seed. */
function id19(seed) {
  const n = BigInt(`0x${createHash('sha256').update(seed).digest('hex').slice(0, 16)}`);
  return String((n % 8_999_999_999_999_999_999n) + 1_000_000_000_000_000_000n);
}

/** JSON the way the DataWorks SPEC-package writer (fastjson PrettyFormat) lays it out: tabs, no space after ':'. */
function fastjson(value, depth = 0) {
  const inner = '\t'.repeat(depth + 1);
  const outer = '\t'.repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + fastjson(v, depth + 1)).join(',\n')}\n${outer}]`;
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined);
    if (keys.length === 0) return `{\n${inner}\n${outer}}`;
    return `{\n${keys.map((k) => `${inner}${JSON.stringify(k)}:${fastjson(value[k], depth + 1)}`).join(',\n')}\n${outer}}`;
  }
  return JSON.stringify(value);
}

/** Drops undefined members so optional fields simply do not appear. */
function clean(obj) {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
}

const FOREVER = { startTime: '1970-01-01 00:00:00', endTime: '9999-01-01 00:00:00' };
const TZ = 'Asia/Shanghai';
const bizdate = {
  artifactType: 'Variable',
  name: 'bizdate',
  scope: 'NodeParameter',
  type: 'System',
  value: '$[yyyymmdd-1]',
};

/** Node types: DataWorks CodeProgramType code, engine, folder under the workflow, code extension, script language. */
const TYPES = {
  VIRTUAL: { code: 99, engine: 'General', folder: ['通用'], ext: '.vi' },
  DIDE_SHELL: { code: 6, engine: 'General', folder: ['通用'], ext: '.sh', language: 'shell' },
  PYTHON: { code: 1322, engine: 'General', folder: ['通用'], ext: '.py', language: 'python3' },
  CONTROLLER_ASSIGNMENT: {
    code: 1100,
    engine: 'General',
    folder: ['通用'],
    ext: '.assign.json',
    language: 'shell-script',
  },
  CONTROLLER_BRANCH: { code: 1101, engine: 'General', folder: ['通用'], ext: '.branch.json' },
  CONTROLLER_JOIN: { code: 1102, engine: 'General', folder: ['通用'], ext: '.join.json' },
  DI: { code: 23, engine: 'DataIntegration', folder: ['数据集成'], ext: '.json', language: 'json' },
  ODPS_SQL: {
    code: 10,
    engine: 'MaxCompute',
    folder: ['MaxCompute', '数据开发'],
    ext: '.sql',
    language: 'odps-sql',
  },
  PYODPS3: {
    code: 1221,
    engine: 'MaxCompute',
    folder: ['MaxCompute', '数据开发'],
    ext: '.py',
    language: 'python3',
  },
  EMR_HIVE: { code: 227, engine: 'EMR', folder: ['EMR', '数据开发'], ext: '.sql', language: 'hive-sql' },
  EMR_SHELL: { code: 257, engine: 'EMR', folder: ['EMR', '数据开发'], ext: '.sh', language: 'shell' },
  HOLOGRES_SQL: {
    code: 1093,
    engine: 'Hologres',
    folder: ['Hologres', '数据开发'],
    ext: '.sql',
    language: 'hologres-sql',
  },
};

const RESOURCE_COMMANDS = { python: 'ODPS_PYTHON', jar: 'ODPS_JAR', file: 'ODPS_FILE' };

// ---------------------------------------------------------------------------------------------------------------
// The two workspaces' surroundings (what goes into workspace.json)

const TENANT = '5302718846093152';
const PEOPLE = {
  alice: {
    accountId: '1107550004253538',
    accountName: 'alice@retail-demo.onaliyun.com',
    displayName: 'Alice Chen',
  },
  bob: { accountId: '1107550004253612', accountName: 'bob@retail-demo.onaliyun.com', displayName: 'Bob Li' },
  carol: {
    accountId: '1107550004253790',
    accountName: 'carol@retail-demo.onaliyun.com',
    displayName: 'Carol Wang',
  },
  dave: {
    accountId: '1107550004253821',
    accountName: 'dave@retail-demo.onaliyun.com',
    displayName: 'Dave Zhou',
  },
  erin: {
    accountId: '1107550004253904',
    accountName: 'erin@retail-demo.onaliyun.com',
    displayName: 'Erin Xu',
  },
  frank: {
    accountId: '1107550004254177',
    accountName: 'frank@retail-demo.onaliyun.com',
    displayName: 'Frank Sun',
  },
};

function mysql(name, env, host, database, user, description) {
  return {
    name,
    type: 'mysql',
    subType: 'rds',
    environment: env,
    description,
    config: {
      host,
      port: 3306,
      database,
      username: user,
      password: { secretRef: `${name}/${env}/password` },
      useSSL: true,
    },
  };
}

function oss(name, env, bucket, description) {
  return {
    name,
    type: 'oss',
    environment: env,
    description,
    config: {
      endpoint: 'https://oss-cn-shanghai-internal.aliyuncs.com',
      bucket,
      authType: 'RamRole',
      ramRole: `acs:ram::${TENANT}:role/dataworks-oss-access`,
    },
  };
}

const DEV = {
  key: 'dev',
  project: {
    identifier: 'retail_dev',
    displayName: 'Retail analytics (dev)',
    id: '480213',
    tenantId: TENANT,
    description:
      'Development workspace of the retail analytics team (basic mode): ingestion, warehouse, marketing and serving flows.',
  },
  // Basic mode: one environment (DataWorks calls it production), no development/production split. DataWorks clones
  // objects across workspaces only out of a basic-mode workspace, which is what the dev -> prod journey does.
  mode: 'basic',
  dataStudio: 'legacy',
  edition: 'Professional',
  region: 'cn-shanghai',
  cloud: 'aliyun',
  computeResources: [
    {
      name: 'retail_dev_mc',
      engine: 'MaxCompute',
      instance: 'retail_dev',
      description: 'MaxCompute project of the dev workspace',
    },
    {
      name: 'retail_dev_emr',
      engine: 'EMR',
      instance: 'C-7D2F1A9B3E6C4D58',
      description: 'EMR on ECS cluster for clickstream (Hive 3)',
    },
    {
      name: 'retail_dev_holo',
      engine: 'Hologres',
      instance: 'hgpostcn-cn-7mz2kq1d9003',
      description: 'Hologres serving instance (dev)',
    },
  ],
  resourceGroups: [
    {
      name: `group_${TENANT}`,
      displayName: 'Default scheduling resource group',
      type: 'scheduling',
      tier: 'default',
    },
    {
      name: `S_res_group_${TENANT}_1716282400123`,
      id: '78210455',
      displayName: 'retail-dev-scheduling',
      type: 'scheduling',
      tier: 'exclusive',
    },
    {
      name: `S_res_group_${TENANT}_1716282511456`,
      id: '78210502',
      displayName: 'retail-dev-di',
      type: 'data-integration',
      tier: 'exclusive',
    },
  ],
  dataSources: [
    mysql(
      'mysql_orders',
      'production',
      'rm-uf6prd0orders01.mysql.rds.aliyuncs.com',
      'orders',
      'retail_reader',
      'Order system (OMS) replica',
    ),
    mysql(
      'mysql_crm',
      'production',
      'rm-uf6prd0crm00002.mysql.rds.aliyuncs.com',
      'crm',
      'retail_reader',
      'CRM database',
    ),
    mysql(
      'mysql_legacy_erp',
      'production',
      'rm-uf6prd0erp00003.mysql.rds.aliyuncs.com',
      'erp',
      'erp_ro',
      'Legacy ERP, being retired',
    ),
    oss('oss_landing', 'production', 'retail-dev-landing', 'Landing bucket for partner files'),
  ],
  members: [
    { ...PEOPLE.alice, roles: ['Project Owner', 'Workspace Administrator'] },
    { ...PEOPLE.bob, roles: ['Developer'] },
    { ...PEOPLE.carol, roles: ['O&M', 'Deploy'] },
    { ...PEOPLE.dave, roles: ['Developer'] },
  ],
};

const PROD = {
  key: 'prod',
  project: {
    identifier: 'retail_prod',
    displayName: 'Retail analytics (prod)',
    id: '480977',
    tenantId: TENANT,
    description: 'Production workspace of the retail analytics team.',
  },
  mode: 'standard',
  dataStudio: 'legacy',
  edition: 'Enterprise',
  region: 'cn-shanghai',
  cloud: 'aliyun',
  computeResources: [
    {
      name: 'retail_prod_mc',
      engine: 'MaxCompute',
      instance: 'retail_prod',
      description: 'MaxCompute project of the prod workspace',
    },
    {
      name: 'retail_prod_emr',
      engine: 'EMR',
      instance: 'C-3A81E5F0C2B94D17',
      description: 'EMR on ECS cluster for clickstream (Hive 3)',
    },
    {
      name: 'retail_prod_holo',
      engine: 'Hologres',
      instance: 'hgpostcn-cn-5yd3pw8r2004',
      description: 'Hologres serving instance (prod)',
    },
  ],
  resourceGroups: [
    {
      name: `group_${TENANT}`,
      displayName: 'Default scheduling resource group',
      type: 'scheduling',
      tier: 'default',
    },
    {
      name: `S_res_group_${TENANT}_1720694406789`,
      id: '81533017',
      displayName: 'retail-prod-scheduling',
      type: 'scheduling',
      tier: 'exclusive',
    },
    {
      name: `S_res_group_${TENANT}_1720694633310`,
      id: '81533120',
      displayName: 'retail-prod-scheduling-bulk',
      type: 'scheduling',
      tier: 'exclusive',
    },
    {
      name: `S_res_group_${TENANT}_1720694512001`,
      id: '81533064',
      displayName: 'retail-prod-di',
      type: 'data-integration',
      tier: 'exclusive',
    },
    {
      name: 'Serverless_res_group_shared_di',
      displayName: 'Shared data integration resource group',
      type: 'data-integration',
      tier: 'shared',
    },
  ],
  dataSources: [
    mysql(
      'mysql_orders_prd',
      'development',
      'rm-uf6stg0orders01.mysql.rds.aliyuncs.com',
      'orders_staging',
      'retail_reader',
      'Order system (OMS) replica',
    ),
    mysql(
      'mysql_orders_prd',
      'production',
      'rm-uf6prd0orders01.mysql.rds.aliyuncs.com',
      'orders',
      'retail_reader',
      'Order system (OMS) replica',
    ),
    mysql(
      'mysql_crm',
      'development',
      'rm-uf6stg0crm00002.mysql.rds.aliyuncs.com',
      'crm_staging',
      'retail_reader',
      'CRM database',
    ),
    mysql(
      'mysql_crm',
      'production',
      'rm-uf6prd0crm00002.mysql.rds.aliyuncs.com',
      'crm',
      'retail_reader',
      'CRM database',
    ),
    oss('oss_landing_prd', 'development', 'retail-prod-landing', 'Landing bucket for partner files'),
    oss('oss_landing_prd', 'production', 'retail-prod-landing', 'Landing bucket for partner files'),
  ],
  members: [
    { ...PEOPLE.alice, roles: ['Project Owner', 'Workspace Administrator'] },
    { ...PEOPLE.bob, roles: ['Developer'] },
    { ...PEOPLE.carol, roles: ['O&M', 'Deploy'] },
    { ...PEOPLE.erin, roles: ['Developer'] },
    { ...PEOPLE.frank, roles: ['Visitor'] },
  ],
};

const RG = {
  dev: {
    default: DEV.resourceGroups[0].name,
    sched: DEV.resourceGroups[1],
    di: DEV.resourceGroups[2],
  },
  prod: {
    default: PROD.resourceGroups[0].name,
    sched: PROD.resourceGroups[1],
    di: PROD.resourceGroups[3],
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Code

function sqlHeader(owner, created, about) {
  return [
    '--odps sql',
    '--********************************************************************--',
    `--author: ${PEOPLE[owner].accountName}`,
    `--create time: ${created}`,
    '--********************************************************************--',
    `-- ${about}`,
    '',
  ].join('\n');
}

/** Table definitions: MaxCompute columns (`name TYPE COMMENT '…'`) of the tables the flows write. */
const TABLES = {
  retail_ingest: {
    ods_orders: [
      'order_id BIGINT',
      'customer_id BIGINT',
      'store_id BIGINT',
      'order_status STRING',
      'order_amount DECIMAL(18,2)',
      'currency STRING',
      'created_at DATETIME',
      'gmt_modified DATETIME',
    ],
    ods_order_items: [
      'item_id BIGINT',
      'order_id BIGINT',
      'sku STRING',
      'quantity BIGINT',
      'unit_price DECIMAL(18,2)',
      'gmt_modified DATETIME',
    ],
    ods_customers: [
      'customer_id BIGINT',
      'customer_name STRING',
      'phone STRING',
      'email STRING',
      'city STRING',
      'vip_level STRING',
      'registered_at DATETIME',
    ],
    ods_products: [
      'sku STRING',
      'product_name STRING',
      'category STRING',
      'brand STRING',
      'list_price DECIMAL(18,2)',
    ],
    ods_stores: [
      'store_id BIGINT',
      'store_name STRING',
      'city STRING',
      'region STRING',
      'opened_at DATETIME',
    ],
    ods_inventory: ['store_id BIGINT', 'sku STRING', 'on_hand BIGINT', 'snapshot_at DATETIME'],
    ods_erp_suppliers: ['supplier_id BIGINT', 'supplier_name STRING', 'sku STRING', 'lead_time_days BIGINT'],
  },
  retail_dw: {
    dwd_orders: [
      'order_id BIGINT',
      'customer_id BIGINT',
      'store_id BIGINT',
      'order_status STRING',
      'order_amount DECIMAL(18,2)',
      'item_count BIGINT',
      'created_at DATETIME',
    ],
    dwd_customers: [
      'customer_id BIGINT',
      'customer_name STRING',
      'city STRING',
      'vip_level STRING',
      'registered_at DATETIME',
    ],
    dwd_products: [
      'sku STRING',
      'product_name STRING',
      'category STRING',
      'brand STRING',
      'list_price DECIMAL(18,2)',
    ],
    dwd_inventory: [
      'store_id BIGINT',
      'sku STRING',
      'on_hand BIGINT',
      'supplier_id BIGINT',
      'lead_time_days BIGINT',
    ],
    dwd_order_payments: [
      'order_id BIGINT',
      'payment_id STRING',
      'pay_channel STRING',
      'paid_amount DECIMAL(18,2)',
      'paid_at DATETIME',
    ],
    dws_sales_daily: [
      'store_id BIGINT',
      'sku STRING',
      'category STRING',
      'order_count BIGINT',
      'quantity BIGINT',
      'sales_amount DECIMAL(18,2)',
    ],
    dws_store_sales: [
      'store_id BIGINT',
      'region STRING',
      'order_count BIGINT',
      'sales_amount DECIMAL(18,2)',
      'paid_amount DECIMAL(18,2)',
    ],
    dws_customer_rfm: [
      'customer_id BIGINT',
      'recency_days BIGINT',
      'frequency BIGINT',
      'monetary DECIMAL(18,2)',
      'rfm_segment STRING',
    ],
    dws_customer_contact: [
      'customer_id BIGINT',
      'masked_phone STRING',
      'email_domain STRING',
      'vip_level STRING',
    ],
    ads_monthly_report: [
      'region STRING',
      'category STRING',
      'sales_amount DECIMAL(18,2)',
      'mom_growth DOUBLE',
    ],
  },
};

function ddl(project, table, columns, comment) {
  const cols = columns.map((c) => `    ${c}`).join('\n,');
  return `CREATE TABLE IF NOT EXISTS ${project}.${table}\n(\n${cols}\n)\nCOMMENT '${comment}'\nPARTITIONED BY (dt STRING COMMENT 'business date, yyyymmdd')\nLIFECYCLE 400;\n`;
}

function columnNames(wf, table) {
  return TABLES[wf][table].map((c) => c.split(' ')[0]);
}

function diJob({ reader, writerTable, wf, columns, where, diGroup, compute }) {
  const readerStep =
    reader.type === 'oss'
      ? {
          stepType: 'oss',
          parameter: {
            datasource: reader.datasource,
            object: [reader.object],
            fileFormat: 'csv',
            fieldDelimiter: ',',
            skipHeader: 'true',
            encoding: 'UTF-8',
            column: columns.map((_, index) => ({ index, type: 'string' })),
          },
          name: 'Reader',
          category: 'reader',
        }
      : {
          stepType: 'mysql',
          parameter: {
            datasource: reader.datasource,
            column: columns,
            connection: [{ datasource: reader.datasource, table: [reader.table] }],
            where,
            splitPk: columns[0],
            encoding: 'UTF-8',
          },
          name: 'Reader',
          category: 'reader',
        };
  const job = {
    type: 'job',
    version: '2.0',
    steps: [
      readerStep,
      {
        stepType: 'odps',
        parameter: {
          datasource: compute,
          table: writerTable,
          partition: 'dt=${bizdate}',
          truncate: true,
          column: columnNames(wf, writerTable),
          emptyAsNull: false,
        },
        name: 'Writer',
        category: 'writer',
      },
    ],
    setting: { errorLimit: { record: '0' }, speed: { throttle: false, concurrent: 2 } },
    order: { hops: [{ from: 'Reader', to: 'Writer' }] },
    extend: { mode: 'wizard', resourceGroup: diGroup },
  };
  return `${JSON.stringify(job, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// The dev workspace's objects, as plain descriptions; `build*` turns them into FlowSpec documents for a workspace.

const P = '${P}'; // placeholder for the project identifier inside code and outputs, filled per workspace
const F = '${F}'; // the finance project (cross-project dependency)
const C = '${C}'; // the MaxCompute compute resource
const DI_RG = '${DI_RG}';

/** The dev flows. deps are output strings; `@x` means `${P}.x` (an output of this project). */
function devFlows() {
  const wfs = [];

  // 1. Ingestion: MySQL and OSS into ODS.
  const ingest = { name: 'retail_ingest', cron: '00 30 01 * * ?', owner: 'bob', nodes: [] };
  ingest.nodes.push(
    { name: 'ingest_start', type: 'VIRTUAL', deps: [`${P}_root`], rg: 'default', code: '' },
    {
      name: 'check_landing_files',
      type: 'DIDE_SHELL',
      deps: ['@ingest_start'],
      rg: 'default',
      params: [bizdate],
      code: [
        '#!/bin/bash',
        '# Waits until the partner inventory files for the business date have landed (max 2 hours).',
        'set -euo pipefail',
        'bizdate=${bizdate}',
        'for i in $(seq 1 24); do',
        '  if ossutil ls "oss://retail-dev-landing/inventory/${bizdate}/" | grep -q "_SUCCESS"; then',
        '    echo "inventory files for ${bizdate} are complete"',
        '    exit 0',
        '  fi',
        '  echo "waiting for inventory files (${i}/24)"',
        '  sleep 300',
        'done',
        'echo "inventory files for ${bizdate} did not arrive" >&2',
        'exit 1',
        '',
      ].join('\n'),
    },
  );
  const diTables = [
    [
      'ods_orders',
      'mysql_orders',
      'orders',
      "gmt_modified >= '${bizdate}' AND gmt_modified < DATE_ADD('${bizdate}', INTERVAL 1 DAY)",
      'bob',
    ],
    [
      'ods_order_items',
      'mysql_orders',
      'order_items',
      "gmt_modified >= '${bizdate}' AND gmt_modified < DATE_ADD('${bizdate}', INTERVAL 1 DAY)",
      'bob',
    ],
    ['ods_customers', 'mysql_crm', 'customers', 'is_deleted = 0', 'alice'],
    ['ods_products', 'mysql_orders', 'products', '', 'bob'],
    ['ods_stores', 'mysql_crm', 'stores', '', 'bob'],
    ['ods_erp_suppliers', 'mysql_legacy_erp', 'supplier_sku', "status = 'ACTIVE'", 'dave'],
  ];
  for (const [table, ds, source, where, owner] of diTables) {
    ingest.nodes.push({
      name: `di_${table}`,
      type: 'DI',
      deps: ['@ingest_start'],
      owner,
      params: [bizdate],
      output: `@${table}`,
      code: diJob({
        reader: { type: 'mysql', datasource: ds, table: source },
        writerTable: table,
        wf: 'retail_ingest',
        columns: columnNames('retail_ingest', table),
        where,
        diGroup: DI_RG,
        compute: C,
      }),
    });
  }
  ingest.nodes.push(
    {
      name: 'di_ods_inventory',
      type: 'DI',
      deps: ['@check_landing_files'],
      params: [bizdate],
      output: '@ods_inventory',
      code: diJob({
        reader: { type: 'oss', datasource: 'oss_landing', object: 'inventory/${bizdate}/*.csv' },
        writerTable: 'ods_inventory',
        wf: 'retail_ingest',
        columns: columnNames('retail_ingest', 'ods_inventory'),
        diGroup: DI_RG,
        compute: C,
      }),
    },
    {
      name: 'ods_partition_check',
      type: 'PYODPS3',
      deps: [
        '@ods_orders',
        '@ods_order_items',
        '@ods_customers',
        '@ods_products',
        '@ods_stores',
        '@ods_inventory',
        '@ods_erp_suppliers',
      ],
      params: [bizdate],
      code: [
        '# Fails the flow when an ODS partition of the business date is missing or empty.',
        "bizdate = args['bizdate']",
        'tables = [',
        `    '${P}.ods_orders', '${P}.ods_order_items', '${P}.ods_customers', '${P}.ods_products',`,
        `    '${P}.ods_stores', '${P}.ods_inventory', '${P}.ods_erp_suppliers',`,
        ']',
        'missing = []',
        'for name in tables:',
        "    project, table = name.split('.')",
        '    t = o.get_table(table, project=project)',
        "    spec = 'dt=%s' % bizdate",
        '    if not t.exist_partition(spec):',
        '        missing.append(name)',
        '        continue',
        '    with t.open_reader(partition=spec) as reader:',
        '        if reader.count == 0:',
        "            missing.append(name + ' (empty)')",
        'if missing:',
        "    raise Exception('ODS partitions missing for %s: %s' % (bizdate, ', '.join(missing)))",
        "print('all %d ODS partitions present for %s' % (len(tables), bizdate))",
        '',
      ].join('\n'),
    },
    { name: 'ingest_done', type: 'VIRTUAL', deps: ['@ods_partition_check'], rg: 'default', code: '' },
  );
  wfs.push(ingest);

  // 2. Warehouse: DWD/DWS in MaxCompute, with a month-end branch.
  const dw = { name: 'retail_dw', cron: '00 30 03 * * ?', owner: 'bob', nodes: [] };
  const sql = (name, about, body, extra = {}) => ({
    name,
    type: 'ODPS_SQL',
    params: [bizdate],
    output: `@${name}`,
    code: `${sqlHeader(extra.owner ?? 'bob', '2024-05-21 10:12:00', about)}${body}`,
    ...extra,
  });
  dw.nodes.push(
    { name: 'dw_start', type: 'VIRTUAL', deps: ['@ingest_done'], rg: 'default', code: '' },
    sql(
      'dwd_orders',
      'Cleansed order facts, one row per order and business date.',
      `INSERT OVERWRITE TABLE ${P}.dwd_orders PARTITION (dt = '\${bizdate}')
SELECT  o.order_id
        ,o.customer_id
        ,o.store_id
        ,o.order_status
        ,o.order_amount
        ,COUNT(i.item_id) AS item_count
        ,o.created_at
FROM    ${P}.ods_orders o
LEFT JOIN ${P}.ods_order_items i
ON      o.order_id = i.order_id
AND     i.dt = '\${bizdate}'
WHERE   o.dt = '\${bizdate}'
AND     o.order_status <> 'TEST'
GROUP BY o.order_id, o.customer_id, o.store_id, o.order_status, o.order_amount, o.created_at
;
`,
      { deps: ['@dw_start'] },
    ),
    sql(
      'dwd_customers',
      'Customer dimension without direct identifiers.',
      `INSERT OVERWRITE TABLE ${P}.dwd_customers PARTITION (dt = '\${bizdate}')
SELECT  customer_id
        ,customer_name
        ,city
        ,COALESCE(vip_level, 'NONE') AS vip_level
        ,registered_at
FROM    ${P}.ods_customers
WHERE   dt = '\${bizdate}'
;
`,
      { deps: ['@dw_start'], owner: 'alice' },
    ),
    sql(
      'dwd_products',
      'Product dimension with normalised SKUs (UDF normalize_sku).',
      `INSERT OVERWRITE TABLE ${P}.dwd_products PARTITION (dt = '\${bizdate}')
SELECT  normalize_sku(sku) AS sku
        ,product_name
        ,category
        ,brand
        ,list_price
FROM    ${P}.ods_products
WHERE   dt = '\${bizdate}'
;
`,
      { deps: ['@dw_start'] },
    ),
    sql(
      'dwd_inventory',
      'Inventory snapshot joined with supplier lead times from the legacy ERP.',
      `INSERT OVERWRITE TABLE ${P}.dwd_inventory PARTITION (dt = '\${bizdate}')
SELECT  i.store_id
        ,normalize_sku(i.sku) AS sku
        ,i.on_hand
        ,s.supplier_id
        ,s.lead_time_days
FROM    ${P}.ods_inventory i
LEFT JOIN ${P}.ods_erp_suppliers s
ON      normalize_sku(i.sku) = normalize_sku(s.sku)
AND     s.dt = '\${bizdate}'
WHERE   i.dt = '\${bizdate}'
;
`,
      { deps: ['@dw_start'], owner: 'dave' },
    ),
    sql(
      'dwd_order_payments',
      'Orders matched with payments from the finance project (cross-project dependency).',
      `INSERT OVERWRITE TABLE ${P}.dwd_order_payments PARTITION (dt = '\${bizdate}')
SELECT  o.order_id
        ,p.payment_id
        ,p.pay_channel
        ,p.paid_amount
        ,p.paid_at
FROM    ${P}.dwd_orders o
JOIN    ${F}.dwd_payments p
ON      o.order_id = p.order_id
AND     p.dt = '\${bizdate}'
WHERE   o.dt = '\${bizdate}'
;
`,
      { deps: ['@dwd_orders', `${F}.dwd_payments`] },
    ),
    sql(
      'dws_sales_daily',
      'Daily sales per store and SKU.',
      `INSERT OVERWRITE TABLE ${P}.dws_sales_daily PARTITION (dt = '\${bizdate}')
SELECT  o.store_id
        ,p.sku
        ,p.category
        ,COUNT(DISTINCT o.order_id) AS order_count
        ,SUM(i.quantity) AS quantity
        ,SUM(i.quantity * i.unit_price) AS sales_amount
FROM    ${P}.dwd_orders o
JOIN    ${P}.ods_order_items i
ON      o.order_id = i.order_id
AND     i.dt = '\${bizdate}'
JOIN    ${P}.dwd_products p
ON      normalize_sku(i.sku) = p.sku
AND     p.dt = '\${bizdate}'
WHERE   o.dt = '\${bizdate}'
AND     o.order_status IN ('PAID', 'SHIPPED', 'COMPLETED')
GROUP BY o.store_id, p.sku, p.category
;
`,
      { deps: ['@dwd_orders', '@dwd_products'] },
    ),
    sql(
      'dws_store_sales',
      'Daily sales and payments per store.',
      `INSERT OVERWRITE TABLE ${P}.dws_store_sales PARTITION (dt = '\${bizdate}')
SELECT  s.store_id
        ,st.region
        ,SUM(s.order_count) AS order_count
        ,SUM(s.sales_amount) AS sales_amount
        ,MAX(pay.paid_amount) AS paid_amount
FROM    ${P}.dws_sales_daily s
JOIN    ${P}.ods_stores st
ON      s.store_id = st.store_id
AND     st.dt = '\${bizdate}'
LEFT JOIN (
    SELECT  o.store_id, SUM(p.paid_amount) AS paid_amount
    FROM    ${P}.dwd_order_payments p
    JOIN    ${P}.dwd_orders o ON p.order_id = o.order_id AND o.dt = '\${bizdate}'
    WHERE   p.dt = '\${bizdate}'
    GROUP BY o.store_id
) pay
ON      s.store_id = pay.store_id
WHERE   s.dt = '\${bizdate}'
GROUP BY s.store_id, st.region
;
`,
      { deps: ['@dws_sales_daily', '@dwd_order_payments'] },
    ),
    {
      name: 'dws_customer_rfm',
      type: 'PYODPS3',
      deps: ['@dwd_orders', '@dwd_customers'],
      selfDependent: true,
      params: [bizdate],
      output: '@dws_customer_rfm',
      owner: 'alice',
      code: [
        '##@resource_reference{"rfm_utils.py"}',
        '# Recency/frequency/monetary scores per customer over the last 365 days.',
        'import sys',
        "sys.path.insert(0, '.')",
        'from rfm_utils import score_rfm',
        '',
        "bizdate = args['bizdate']",
        'query = """',
        'SELECT  customer_id',
        "        ,DATEDIFF(TO_DATE('%(d)s', 'yyyymmdd'), MAX(created_at), 'dd') AS recency_days",
        '        ,COUNT(*) AS frequency',
        '        ,SUM(order_amount) AS monetary',
        `FROM    ${P}.dwd_orders`,
        "WHERE   dt > TO_CHAR(DATEADD(TO_DATE('%(d)s', 'yyyymmdd'), -365, 'dd'), 'yyyymmdd')",
        "AND     dt <= '%(d)s'",
        'GROUP BY customer_id',
        '""" % {\'d\': bizdate}',
        '',
        'rows = []',
        'with o.execute_sql(query).open_reader() as reader:',
        '    for r in reader:',
        '        rows.append([r.customer_id, r.recency_days, r.frequency, r.monetary,',
        '                     score_rfm(r.recency_days, r.frequency, r.monetary)])',
        '',
        `table = o.get_table('dws_customer_rfm', project='${P}')`,
        "with table.open_writer(partition='dt=%s' % bizdate, create_partition=True) as writer:",
        '    writer.write(rows)',
        "print('scored %d customers for %s' % (len(rows), bizdate))",
        '',
      ].join('\n'),
    },
    sql(
      'dws_customer_contact',
      'Contactable customers with masked phone numbers (UDF mask_phone).',
      `INSERT OVERWRITE TABLE ${P}.dws_customer_contact PARTITION (dt = '\${bizdate}')
SELECT  c.customer_id
        ,mask_phone(o.phone) AS masked_phone
        ,REGEXP_EXTRACT(o.email, '@(.+)$', 1) AS email_domain
        ,c.vip_level
FROM    ${P}.dwd_customers c
JOIN    ${P}.ods_customers o
ON      c.customer_id = o.customer_id
AND     o.dt = '\${bizdate}'
WHERE   c.dt = '\${bizdate}'
;
`,
      { deps: ['@dwd_customers'], owner: 'alice' },
    ),
    {
      name: 'calc_month_flag',
      type: 'CONTROLLER_ASSIGNMENT',
      deps: ['@dws_store_sales'],
      rg: 'default',
      params: [bizdate],
      code: [
        '# 1 when the business date is the last day of its month',
        'next_day=$(date -d "${bizdate} +1 day" +%d)',
        'if [ "$next_day" = "01" ]; then echo 1; else echo 0; fi',
        '',
      ].join('\n'),
    },
    {
      name: 'check_month_end',
      type: 'CONTROLLER_BRANCH',
      deps: ['@calc_month_flag'],
      rg: 'default',
      branches: [
        {
          when: '${is_month_end} == 1',
          output: `${P}.month_end_true`,
          description: 'last day of month: build the monthly report',
        },
        {
          when: '${is_month_end} == 0',
          output: `${P}.month_end_false`,
          description: 'any other day: skip it',
        },
      ],
    },
    sql(
      'ads_monthly_report',
      'Monthly sales by region and category with month-over-month growth.',
      `INSERT OVERWRITE TABLE ${P}.ads_monthly_report PARTITION (dt = '\${bizdate}')
SELECT  cur.region
        ,cur.category
        ,cur.sales_amount
        ,CASE WHEN prev.sales_amount > 0 THEN cur.sales_amount / prev.sales_amount - 1 END AS mom_growth
FROM    (
    SELECT  st.region, s.category, SUM(s.sales_amount) AS sales_amount
    FROM    ${P}.dws_sales_daily s
    JOIN    ${P}.ods_stores st ON s.store_id = st.store_id AND st.dt = '\${bizdate}'
    WHERE   SUBSTR(s.dt, 1, 6) = SUBSTR('\${bizdate}', 1, 6)
    GROUP BY st.region, s.category
) cur
LEFT JOIN ${P}.ads_monthly_report prev
ON      cur.region = prev.region
AND     cur.category = prev.category
AND     prev.dt = TO_CHAR(DATEADD(TO_DATE('\${bizdate}', 'yyyymmdd'), -1, 'mm'), 'yyyymmdd')
;
`,
      { deps: [`${P}.month_end_true`] },
    ),
    { name: 'skip_monthly_report', type: 'VIRTUAL', deps: [`${P}.month_end_false`], rg: 'default', code: '' },
    {
      name: 'monthly_join',
      type: 'CONTROLLER_JOIN',
      deps: ['@ads_monthly_report', '@skip_monthly_report'],
      rg: 'default',
      join: { logic: 'OR', branches: ['ads_monthly_report', 'skip_monthly_report'] },
    },
    {
      name: 'dw_done',
      type: 'VIRTUAL',
      deps: ['@monthly_join', '@dws_customer_rfm', '@dws_customer_contact', '@dwd_inventory'],
      rg: 'default',
      code: '',
    },
  );
  wfs.push(dw);

  // 3. Marketing on EMR (Hive).
  const mkt = { name: 'retail_marketing', cron: '00 00 05 * * ?', owner: 'dave', nodes: [] };
  const hive = (name, about, body, extra = {}) => ({
    name,
    type: 'EMR_HIVE',
    params: [bizdate],
    output: `@${name}`,
    code: `-- ${about}\n${body}`,
    ...extra,
  });
  mkt.nodes.push(
    { name: 'mkt_start', type: 'VIRTUAL', deps: ['@dw_done'], rg: 'default', code: '' },
    hive(
      'hive_ods_clickstream',
      'Loads the raw clickstream partition landed by the web tier into ORC.',
      `SET hive.exec.dynamic.partition.mode=nonstrict;
INSERT OVERWRITE TABLE retail_mkt.ods_clickstream PARTITION (dt = '\${bizdate}')
SELECT  event_id
        ,session_id
        ,customer_id
        ,page
        ,campaign_code
        ,event_time
FROM    retail_mkt.raw_clickstream_ext
WHERE   dt = '\${bizdate}'
AND     event_id IS NOT NULL;
`,
      { deps: ['@mkt_start'] },
    ),
    hive(
      'hive_dwd_sessions',
      'Sessionised clicks (30 minutes of inactivity close a session).',
      `INSERT OVERWRITE TABLE retail_mkt.dwd_sessions PARTITION (dt = '\${bizdate}')
SELECT  session_id
        ,MAX(customer_id) AS customer_id
        ,MIN(event_time) AS started_at
        ,MAX(event_time) AS ended_at
        ,COUNT(*) AS events
        ,MAX(campaign_code) AS campaign_code
FROM    retail_mkt.ods_clickstream
WHERE   dt = '\${bizdate}'
GROUP BY session_id;
`,
      { deps: ['@hive_ods_clickstream'] },
    ),
    hive(
      'hive_campaign_attribution',
      'Last-touch attribution of orders to campaigns (paused while marketing rebuilds the model).',
      `INSERT OVERWRITE TABLE retail_mkt.ads_campaign_attribution PARTITION (dt = '\${bizdate}')
SELECT  s.campaign_code
        ,COUNT(DISTINCT s.customer_id) AS customers
        ,COUNT(DISTINCT o.order_id) AS orders
FROM    retail_mkt.dwd_sessions s
LEFT JOIN retail_mkt.ext_dwd_orders o
ON      s.customer_id = o.customer_id
AND     o.dt = '\${bizdate}'
WHERE   s.dt = '\${bizdate}'
AND     s.campaign_code IS NOT NULL
GROUP BY s.campaign_code;
`,
      { deps: ['@hive_dwd_sessions'], recurrence: 'Pause' },
    ),
    hive(
      'hive_user_segments',
      'Behavioural segments for the CRM (active, lapsing, dormant).',
      `INSERT OVERWRITE TABLE retail_mkt.user_segments PARTITION (dt = '\${bizdate}')
SELECT  customer_id
        ,CASE WHEN MAX(started_at) >= date_sub(to_date(from_unixtime(unix_timestamp('\${bizdate}', 'yyyyMMdd'))), 7) THEN 'active'
              WHEN MAX(started_at) >= date_sub(to_date(from_unixtime(unix_timestamp('\${bizdate}', 'yyyyMMdd'))), 30) THEN 'lapsing'
              ELSE 'dormant' END AS segment
FROM    retail_mkt.dwd_sessions
WHERE   dt > date_format(date_sub(to_date(from_unixtime(unix_timestamp('\${bizdate}', 'yyyyMMdd'))), 90), 'yyyyMMdd')
AND     customer_id IS NOT NULL
GROUP BY customer_id;
`,
      { deps: ['@hive_dwd_sessions'] },
    ),
    {
      name: 'export_segments',
      type: 'EMR_SHELL',
      deps: ['@hive_user_segments'],
      params: [bizdate],
      code: [
        '##@resource_reference{"segment-export-2.1.jar"}',
        '# Exports the segments as CSV for the CRM import job.',
        'hadoop jar segment-export-2.1.jar com.retaildemo.segments.Export \\',
        '  --date ${bizdate} \\',
        '  --source retail_mkt.user_segments \\',
        '  --target oss://retail-dev-landing/exports/segments/${bizdate}/',
        '',
      ].join('\n'),
    },
    {
      name: 'notify_marketing',
      type: 'DIDE_SHELL',
      deps: ['@export_segments', '@hive_campaign_attribution'],
      rg: 'default',
      params: [bizdate],
      code: [
        '#!/bin/bash',
        '# Posts a message to the marketing channel; the webhook token is a workspace parameter, not in this file.',
        'curl -sS -X POST "https://oapi.dingtalk.com/robot/send?access_token=${mkt_webhook_token}" \\',
        '  -H "Content-Type: application/json" \\',
        '  -d "{\\"msgtype\\":\\"text\\",\\"text\\":{\\"content\\":\\"Segments for ${bizdate} exported\\"}}"',
        '',
      ].join('\n'),
      extraParams: [
        {
          artifactType: 'Variable',
          name: 'mkt_webhook_token',
          scope: 'NodeParameter',
          type: 'Constant',
          value: '${workspace.mkt_webhook_token}',
        },
      ],
    },
    { name: 'mkt_done', type: 'VIRTUAL', deps: ['@notify_marketing'], rg: 'default', code: '' },
  );
  wfs.push(mkt);

  // 4. Serving in Hologres.
  const serving = { name: 'retail_serving', cron: '00 00 07 * * ?', owner: 'bob', nodes: [] };
  const holo = (name, about, body, extra = {}) => ({
    name,
    type: 'HOLOGRES_SQL',
    params: [bizdate],
    code: `-- ${about}\n${body}`,
    ...extra,
  });
  serving.nodes.push(
    holo(
      'holo_sync_sales',
      'Copies daily sales from MaxCompute into the serving table.',
      `IMPORT FOREIGN SCHEMA ${P} LIMIT TO (dws_sales_daily) FROM SERVER odps_server INTO ext_retail OPTIONS (if_table_exist 'update');
BEGIN;
DELETE FROM serving.sales_daily WHERE dt = '\${bizdate}';
INSERT INTO serving.sales_daily (store_id, sku, category, order_count, quantity, sales_amount, dt)
SELECT store_id, sku, category, order_count, quantity, sales_amount, dt
FROM   ext_retail.dws_sales_daily
WHERE  dt = '\${bizdate}';
COMMIT;
`,
      { deps: ['@dws_sales_daily'] },
    ),
    holo(
      'holo_sync_rfm',
      'Copies the RFM scores into the serving table used by the CRM app.',
      `IMPORT FOREIGN SCHEMA ${P} LIMIT TO (dws_customer_rfm) FROM SERVER odps_server INTO ext_retail OPTIONS (if_table_exist 'update');
BEGIN;
DELETE FROM serving.customer_rfm;
INSERT INTO serving.customer_rfm (customer_id, recency_days, frequency, monetary, rfm_segment)
SELECT customer_id, recency_days, frequency, monetary, rfm_segment
FROM   ext_retail.dws_customer_rfm
WHERE  dt = '\${bizdate}';
COMMIT;
`,
      { deps: ['@dws_customer_rfm'], owner: 'alice' },
    ),
    holo(
      'holo_sync_store_sales',
      'Copies store sales into the serving table.',
      `IMPORT FOREIGN SCHEMA ${P} LIMIT TO (dws_store_sales) FROM SERVER odps_server INTO ext_retail OPTIONS (if_table_exist 'update');
INSERT INTO serving.store_sales (store_id, region, order_count, sales_amount, paid_amount, dt)
SELECT store_id, region, order_count, sales_amount, paid_amount, dt
FROM   ext_retail.dws_store_sales
WHERE  dt = '\${bizdate}'
ON CONFLICT (store_id, dt) DO UPDATE SET order_count = EXCLUDED.order_count, sales_amount = EXCLUDED.sales_amount, paid_amount = EXCLUDED.paid_amount;
`,
      { deps: ['@dws_store_sales'] },
    ),
    holo(
      'holo_refresh_dashboard',
      'Hourly refresh of the dashboard aggregates.',
      `REFRESH MATERIALIZED VIEW serving.mv_dashboard_today;
ANALYZE serving.sales_daily;
`,
      {
        deps: ['@holo_sync_sales', '@holo_sync_store_sales'],
        cron: '00 05 00-23/1 * * ?',
        instanceMode: 'Immediately',
      },
    ),
    {
      name: 'cache_warmup',
      type: 'PYTHON',
      deps: ['@holo_sync_rfm', '@holo_sync_sales'],
      rg: 'default',
      params: [bizdate],
      code: [
        '# Warms the BI cache for the most used dashboards after the serving tables changed.',
        'import json',
        'import urllib.request',
        '',
        'DASHBOARDS = ["sales-overview", "store-ranking", "customer-rfm"]',
        'for name in DASHBOARDS:',
        '    body = json.dumps({"dashboard": name, "bizdate": "${bizdate}"}).encode("utf-8")',
        '    req = urllib.request.Request("https://bi.retail-demo.example/api/cache/warm", data=body,',
        '                                 headers={"Content-Type": "application/json"}, method="POST")',
        '    with urllib.request.urlopen(req, timeout=60) as resp:',
        '        print(name, resp.status)',
        '',
      ].join('\n'),
    },
    {
      name: 'notify_bi',
      type: 'DIDE_SHELL',
      deps: ['@cache_warmup'],
      rg: 'default',
      params: [bizdate],
      code: ['#!/bin/bash', 'echo "serving tables for ${bizdate} are ready"', ''].join('\n'),
    },
  );
  wfs.push(serving);

  // 5. A manual workflow to backfill a date range.
  const backfill = { name: 'retail_backfill', manual: true, owner: 'alice', nodes: [] };
  const backfillDate = {
    artifactType: 'Variable',
    name: 'backfill_date',
    scope: 'NodeParameter',
    type: 'Constant',
    value: '20240101',
  };
  backfill.nodes.push(
    { name: 'backfill_start', type: 'VIRTUAL', deps: [], rg: 'default', code: '' },
    {
      name: 'backfill_ods_orders',
      type: 'ODPS_SQL',
      deps: ['@backfill_start'],
      params: [backfillDate],
      code: `${sqlHeader('alice', '2024-06-03 15:40:00', 'Re-derives dwd_orders for one date from the ODS history.')}INSERT OVERWRITE TABLE ${P}.dwd_orders PARTITION (dt = '\${backfill_date}')
SELECT  order_id, customer_id, store_id, order_status, order_amount, 0 AS item_count, created_at
FROM    ${P}.ods_orders
WHERE   dt = '\${backfill_date}'
;
`,
    },
    {
      name: 'backfill_dws_sales',
      type: 'PYODPS3',
      deps: ['@backfill_ods_orders'],
      params: [backfillDate],
      code: [
        '# Re-runs the daily sales aggregation for the backfilled date.',
        "d = args['backfill_date']",
        `o.execute_sql("INSERT OVERWRITE TABLE ${P}.dws_sales_daily PARTITION (dt='%s') "`,
        '              "SELECT o.store_id, i.sku, \'UNKNOWN\', COUNT(DISTINCT o.order_id), SUM(i.quantity), SUM(i.quantity * i.unit_price) "',
        `              "FROM ${P}.dwd_orders o JOIN ${P}.ods_order_items i ON o.order_id = i.order_id AND i.dt = '%s' "`,
        '              "WHERE o.dt = \'%s\' GROUP BY o.store_id, i.sku" % (d, d, d))',
        "print('backfilled', d)",
        '',
      ].join('\n'),
    },
    {
      name: 'backfill_notify',
      type: 'DIDE_SHELL',
      deps: ['@backfill_dws_sales'],
      rg: 'default',
      params: [backfillDate],
      code: ['#!/bin/bash', 'echo "backfill of ${backfill_date} finished"', ''].join('\n'),
    },
  );
  wfs.push(backfill);
  return wfs;
}

const RESOURCES = [
  {
    name: 'rfm_utils.py',
    type: 'python',
    wf: 'retail_dw',
    engine: 'MaxCompute',
    owner: 'alice',
    content: () =>
      [
        '"""Scoring helpers for the RFM job (dws_customer_rfm)."""',
        '',
        'def _bucket(value, edges):',
        '    for score, edge in enumerate(edges, start=1):',
        '        if value <= edge:',
        '            return score',
        '    return len(edges) + 1',
        '',
        '',
        'def score_rfm(recency_days, frequency, monetary):',
        '    r = 6 - _bucket(recency_days, [7, 30, 90, 180])',
        '    f = _bucket(frequency, [1, 3, 6, 12])',
        '    m = _bucket(float(monetary), [100, 500, 2000, 10000])',
        '    if r >= 4 and f >= 4:',
        "        return 'champion'",
        '    if r >= 4:',
        "        return 'new'",
        '    if f >= 4:',
        "        return 'at_risk'",
        "    return 'hibernating' if m <= 2 else 'cant_lose'",
        '',
      ].join('\n'),
  },
  {
    name: 'mask_udf.py',
    type: 'python',
    wf: 'retail_dw',
    engine: 'MaxCompute',
    owner: 'alice',
    content: () =>
      [
        'from odps.udf import annotate',
        '',
        '',
        "@annotate('string->string')",
        'class MaskPhone(object):',
        '    def evaluate(self, phone):',
        '        if phone is None or len(phone) < 7:',
        '            return phone',
        "        return phone[:3] + '****' + phone[-4:]",
        '',
      ].join('\n'),
  },
  {
    name: 'retail-udf-1.4.0.jar',
    type: 'jar',
    wf: 'retail_dw',
    engine: 'MaxCompute',
    owner: 'bob',
    content: () =>
      jar(
        'com/retaildemo/udf/NormalizeSku.txt',
        'Placeholder for the compiled NormalizeSku UDF (sample data).\n',
      ),
  },
  {
    name: 'sku_aliases.txt',
    type: 'file',
    wf: 'retail_dw',
    engine: 'MaxCompute',
    owner: 'bob',
    content: () =>
      [
        '# alias,sku',
        'SKU-0001-A,SKU0001',
        'SKU-0001-B,SKU0001',
        'sku_0042,SKU0042',
        'SKU 0107,SKU0107',
        '',
      ].join('\n'),
  },
  {
    name: 'segment-export-2.1.jar',
    type: 'jar',
    wf: 'retail_marketing',
    engine: 'EMR',
    owner: 'dave',
    content: () =>
      jar(
        'com/retaildemo/segments/Export.txt',
        'Placeholder for the compiled segment exporter (sample data).\n',
      ),
  },
];

const FUNCTIONS = [
  {
    name: 'normalize_sku',
    wf: 'retail_dw',
    owner: 'bob',
    type: 'STRING',
    className: 'com.retaildemo.udf.NormalizeSku',
    resources: ['retail-udf-1.4.0.jar', 'sku_aliases.txt'],
    usageDescription: 'Normalises a SKU written in any of the legacy formats (dashes, case, aliases).',
    argumentsDescription: 'sku STRING',
    returnValueDescription: 'STRING, the canonical SKU (e.g. SKU0001)',
    usageExample: "SELECT normalize_sku('sku-0001-a');",
  },
  {
    name: 'mask_phone',
    wf: 'retail_dw',
    owner: 'alice',
    type: 'STRING',
    className: 'mask_udf.MaskPhone',
    resources: ['mask_udf.py'],
    usageDescription: 'Masks the middle digits of a phone number.',
    argumentsDescription: 'phone STRING',
    returnValueDescription: 'STRING, e.g. 138****5678',
    usageExample: 'SELECT mask_phone(phone) FROM dwd_customers;',
  },
];

const QUALITY_RULES = [
  {
    name: 'dwd_orders_not_empty',
    table: 'dwd_orders',
    node: 'dwd_orders',
    description: 'Blocks downstream nodes when the day has no orders (strong rule).',
    ruleConfig: {
      template: 'TABLE_ROW_COUNT',
      operator: '>',
      threshold: 0,
      strength: 'STRONG',
      blockOnFailure: true,
    },
    // Alert settings, as a rule exported with its subscriptions carries them: they never travel (an import drops them).
    notifications: {
      condition: 'RULE_FAILED',
      channels: ['Mail', 'DingTalk'],
      receivers: [{ type: 'ShiftSchedule', value: 'retail-dw-oncall' }, { type: 'DataOwner' }],
    },
  },
  {
    name: 'dwd_orders_amount_fluctuation',
    table: 'dwd_orders',
    node: 'dwd_orders',
    description: 'Warns when the sum of order_amount moves more than 30% against the 7-day average.',
    ruleConfig: {
      template: 'SUM_FLUCTUATION_7D_AVG',
      column: 'order_amount',
      warnThreshold: 0.3,
      errorThreshold: 0.5,
      strength: 'WEAK',
    },
  },
];

/** A tiny, valid jar (zip with one stored entry) with a fixed timestamp, so its bytes never change. */
function jar(entryName, text) {
  const name = Buffer.from(entryName, 'utf8');
  const data = Buffer.from(text, 'utf8');
  const crc = crc32(data);
  const time = 0x6000; // 12:00:00
  const date = ((2024 - 1980) << 9) | (5 << 5) | 21; // 2024-05-21
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(10, 4);
  local.writeUInt16LE(0x0800, 6);
  local.writeUInt16LE(0, 8);
  local.writeUInt16LE(time, 10);
  local.writeUInt16LE(date, 12);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  local.writeUInt16LE(0, 28);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(10, 6);
  central.writeUInt16LE(0x0800, 8);
  central.writeUInt16LE(0, 10);
  central.writeUInt16LE(time, 12);
  central.writeUInt16LE(date, 14);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 30);
  central.writeUInt32LE(0, 34);
  central.writeUInt32LE(0, 38);
  central.writeUInt32LE(0, 42);
  const centralOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

function crc32(buf) {
  let crc = 0xffffffff;
  for (const byte of buf) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Building FlowSpec documents for one workspace

/**
 * Per-workspace substitutions: the project identifier and the finance project in code and outputs, the compute
 * resources, the resource groups and the data sources nodes name.
 */
function envOf(ws) {
  const dev = ws.key === 'dev';
  return {
    ws,
    P: ws.project.identifier,
    F: dev ? 'finance_dev' : 'finance_prod',
    compute: {
      MaxCompute: ws.computeResources[0].name,
      EMR: ws.computeResources[1].name,
      Hologres: ws.computeResources[2].name,
    },
    rg: dev ? RG.dev : RG.prod,
    ds: dev
      ? (n) => n
      : (n) =>
          ({
            mysql_orders: 'mysql_orders_prd',
            oss_landing: 'oss_landing_prd',
            mysql_legacy_erp: 'mysql_legacy_erp',
          })[n] ?? n,
    bucket: dev ? 'retail-dev-landing' : 'retail-prod-landing',
    owner: (who) => (ws.members.some((m) => m.accountId === PEOPLE[who].accountId) ? who : 'carol'),
  };
}

function fill(env, text) {
  return text
    .replaceAll('${P}', env.P)
    .replaceAll('${F}', env.F)
    .replaceAll('${C}', env.compute.MaxCompute)
    .replaceAll('${DI_RG}', env.rg.di.name)
    .replaceAll('"datasource": "mysql_orders"', `"datasource": "${env.ds('mysql_orders')}"`)
    .replaceAll('"datasource": "oss_landing"', `"datasource": "${env.ds('oss_landing')}"`)
    .replaceAll('retail-dev-landing', env.bucket);
}

function projectMeta(env) {
  const p = env.ws.project;
  return { projectIdentifier: p.identifier, projectName: p.displayName, projectId: p.id };
}

function metadataFor(env, owner, created, workflowId) {
  return clean({
    owner: PEOPLE[owner].accountId,
    ownerName: PEOPLE[owner].accountName,
    createTime: created,
    tenantId: env.ws.project.tenantId,
    project: projectMeta(env),
    projectId: env.ws.project.id,
    container: workflowId ? { type: 'Flow', uuid: workflowId } : undefined,
  });
}

const ROOT_FOLDER = { cycle: '业务流程', manual: '手动工作流' };

function workflowId(wf) {
  return id19(`workflow:${wf.idSeed ?? wf.name}`);
}

function workflowFolder(wf) {
  return `${wf.manual ? ROOT_FOLDER.manual : ROOT_FOLDER.cycle}/${wf.name}`;
}

/** Output string for a dep: `@x` is this project's `x`. */
function out(env, dep) {
  return dep.startsWith('@') ? `${env.P}.${dep.slice(1)}` : fill(env, dep);
}

/** Builds the `.schedule.json` document and code of one node. */
function buildNode(env, wf, node, created) {
  const t = TYPES[node.type];
  const id = id19(`node:${node.idSeed ?? node.name}`);
  const owner = env.owner(node.owner ?? wf.owner);
  const wfId = workflowId(wf);
  const rg =
    node.rg === 'default'
      ? { resourceGroup: env.rg.default }
      : { resourceGroup: env.rg.sched.name, resourceGroupId: env.rg.sched.id };
  const datasource =
    t.engine === 'MaxCompute'
      ? { name: env.compute.MaxCompute, type: 'odps' }
      : t.engine === 'EMR'
        ? { name: env.compute.EMR, type: 'emr' }
        : t.engine === 'Hologres'
          ? { name: env.compute.Hologres, type: 'hologres' }
          : undefined;
  const inputs = node.deps.map((d) => ({
    data: out(env, d),
    artifactType: 'NodeOutput',
    refTableName: refName(env, d),
  }));
  const outputs = [
    { data: id, artifactType: 'NodeOutput', refTableName: node.name, isDefault: true },
    { data: `${env.P}.${node.name}`, artifactType: 'NodeOutput', refTableName: node.name, isDefault: false },
  ];
  // A node that writes a table also produces `<project>.<table>` (what DataWorks' auto-parse adds).
  if (node.output && out(env, node.output) !== `${env.P}.${node.name}`) {
    outputs.push({
      data: out(env, node.output),
      artifactType: 'NodeOutput',
      refTableName: node.output.slice(1),
      isDefault: false,
    });
  }
  if (node.branches)
    for (const b of node.branches)
      outputs.push({ data: fill(env, b.output), artifactType: 'NodeOutput', refTableName: node.name });
  const parameters = [...(node.params ?? []), ...(node.extraParams ?? [])];
  const manual = Boolean(wf.manual);
  const trigger = manual
    ? { type: 'Manual', timezone: TZ }
    : { type: 'Scheduler', cron: node.cron ?? wf.cron, ...FOREVER, timezone: TZ, delaySeconds: 0 };
  const spec = {
    recurrence: manual ? undefined : (node.recurrence ?? 'Normal'),
    id,
    timeout: 0,
    instanceMode: manual ? undefined : (node.instanceMode ?? 'T+1'),
    rerunMode: 'Allowed',
    rerunTimes: node.type === 'VIRTUAL' ? 0 : 3,
    rerunInterval: 180000,
    datasource,
    script: clean({
      path: `${workflowFolder(wf)}/${t.folder.join('/')}`,
      language: t.language,
      runtime: { engine: t.engine, command: node.type, commandTypeId: t.code },
      id: id19(`script:${node.idSeed ?? node.name}`),
      parameters: parameters.length ? parameters : undefined,
    }),
    trigger,
    runtimeResource: rg,
    name: node.name,
    owner: PEOPLE[owner].accountId,
    description: node.description,
    metadata: metadataFor(env, owner, created, wfId),
    inputs: inputs.length ? { nodeOutputs: inputs } : {},
    outputs: { nodeOutputs: outputs },
  };
  if (node.type === 'CONTROLLER_BRANCH') {
    spec.inputs.variables = [
      {
        artifactType: 'Variable',
        name: 'outputs',
        scope: 'NodeContext',
        type: 'NodeOutput',
        value: '${outputs}',
        inputName: 'is_month_end',
        node: {
          nodeId: id19('node:calc_month_flag'),
          output: id19('node:calc_month_flag'),
          refTableName: 'calc_month_flag',
        },
      },
    ];
    spec.branch = {
      branches: node.branches.map((b) => ({
        when: b.when,
        output: { data: fill(env, b.output), artifactType: 'NodeOutput' },
      })),
    };
  }
  if (node.type === 'CONTROLLER_ASSIGNMENT') {
    spec.outputs.variables = [
      {
        artifactType: 'Variable',
        name: 'outputs',
        scope: 'NodeContext',
        type: 'NodeOutput',
        value: '${outputs}',
        node: { nodeId: id, output: id },
      },
    ];
  }
  if (node.type === 'CONTROLLER_JOIN')
    spec.join = { logic: { expression: node.join.branches.map((b) => `${b} in ('SUCCESS')`).join(' or ') } };
  const depends = node.deps.map((d) => ({
    type: 'Normal',
    output: out(env, d),
    refTableName: refName(env, d),
  }));
  if (node.selfDependent)
    depends.unshift({ type: 'CrossCycleDependsOnSelf', output: id, refTableName: node.name });
  const doc = {
    version: '1.1.0',
    kind: manual ? 'ManualWorkflow' : 'CycleWorkflow',
    spec: { nodes: [clean(spec)], flow: depends.length ? [{ nodeId: id, depends }] : undefined },
    metadata: { uuid: id },
  };
  let code = node.code ?? '';
  if (node.type === 'CONTROLLER_BRANCH') {
    code = `${JSON.stringify(
      node.branches.map((b) => ({
        condition: b.when,
        nodeoutput: fill(env, b.output),
        description: b.description,
      })),
      null,
      2,
    )}\n`;
  }
  if (node.type === 'CONTROLLER_JOIN') {
    code = `${JSON.stringify({ logic: node.join.logic, branches: node.join.branches.map((n) => ({ node: n, status: 'SUCCESS' })), result: 'SUCCESS' }, null, 2)}\n`;
  }
  return {
    id,
    kind: 'node',
    dir: `DataStudio/${workflowFolder(wf)}/${t.folder.join('/')}/${node.name}`,
    files: [
      [`${node.name}.schedule.json`, fastjson(clean({ ...doc, spec: clean(doc.spec) }))],
      [`${node.name}${t.ext}`, fill(env, code)],
    ],
  };
}

function refName(env, dep) {
  if (dep.startsWith('@')) return dep.slice(1);
  const full = fill(env, dep);
  return full.endsWith('_root') ? undefined : full.slice(full.indexOf('.') + 1);
}

function buildResource(env, res, created) {
  const id = id19(`resource:${res.name}`);
  const owner = env.owner(res.owner);
  const compute = env.compute[res.engine];
  const command =
    res.engine === 'EMR' ? { jar: 'EMR_JAR', file: 'EMR_FILE' }[res.type] : RESOURCE_COMMANDS[res.type];
  const folder = `${ROOT_FOLDER.cycle}/${res.wf}/${res.engine}/资源`;
  const doc = {
    version: '1.1.0',
    kind: 'Resource',
    spec: {
      fileResources: [
        {
          id,
          name: res.name,
          type: res.type,
          script: { path: folder, runtime: { engine: res.engine, command } },
          file: { storage: { type: 'local' }, path: res.name, extension: path.extname(res.name) },
          datasource: { name: compute, type: res.engine === 'EMR' ? 'emr' : 'odps' },
          runtimeResource: { resourceGroup: env.rg.sched.name },
          metadata: metadataFor(env, owner, created),
        },
      ],
    },
  };
  const content = res.content();
  return {
    id: `resource:${id}`,
    kind: 'resource',
    dir: `DataStudio/${folder}`,
    files: [
      [`${res.name}.schedule.json`, fastjson(doc)],
      [res.name, typeof content === 'string' ? fill(env, content) : content],
    ],
  };
}

function buildFunction(env, fn, created) {
  const id = id19(`function:${fn.name}`);
  const owner = env.owner(fn.owner);
  const folder = `${ROOT_FOLDER.cycle}/${fn.wf}/MaxCompute/函数`;
  const doc = {
    version: '1.1.0',
    kind: 'Function',
    spec: {
      functions: [
        {
          id,
          name: fn.name,
          type: fn.type,
          className: fn.className,
          script: { path: folder, runtime: { engine: 'MaxCompute', command: 'ODPS_FUNCTION' } },
          datasource: { name: env.compute.MaxCompute, type: 'odps' },
          runtimeResource: { resourceGroup: env.rg.sched.name },
          fileResources: fn.resources.map((name) => ({ id: id19(`resource:${name}`), name })),
          usageDescription: fn.usageDescription,
          argumentsDescription: fn.argumentsDescription,
          returnValueDescription: fn.returnValueDescription,
          usageExample: fn.usageExample,
          metadata: metadataFor(env, owner, created),
        },
      ],
    },
  };
  return {
    id: `function:${id}`,
    kind: 'function',
    dir: `DataStudio/${folder}`,
    files: [[`${fn.name}.schedule.json`, fastjson(doc)]],
  };
}

function buildTable(env, wf, table, created) {
  const id = id19(`table:${table}`);
  const folder = `${ROOT_FOLDER.cycle}/${wf}/MaxCompute/表`;
  const comment = table.replace(/_/g, ' ');
  const doc = {
    version: '1.1.0',
    kind: 'Table',
    spec: {
      tables: [
        {
          id,
          guid: `odps.${env.P}.default.${table}`,
          name: table,
          ddl: ddl(env.P, table, TABLES[wf][table], comment),
          hasPartition: true,
          isVisible: true,
          calcEngine: { type: 'MaxCompute', project: env.P, schema: 'default' },
          datasource: { name: env.compute.MaxCompute, type: 'odps' },
          metadata: metadataFor(env, 'bob', created),
        },
      ],
    },
  };
  return {
    id: `table:${id}`,
    kind: 'table',
    dir: `DataStudio/${folder}`,
    files: [[`${table}.schedule.json`, fastjson(doc)]],
  };
}

function buildDataSource(env, ds) {
  const envFolder = ds.environment === 'production' ? 'PRD' : 'DEV';
  const id = id19(`datasource:${env.ws.key}:${ds.name}:${envFolder}`);
  const config = Object.fromEntries(Object.entries(ds.config).filter(([, v]) => typeof v !== 'object'));
  const doc = {
    version: '1.1.0',
    kind: 'DataSource',
    spec: {
      datasources: [
        clean({ id, name: ds.name, type: ds.type, subType: ds.subType, config: JSON.stringify(config) }),
      ],
    },
  };
  return {
    id: `datasource:${id}`,
    kind: 'datasource',
    dir: `DataSource/${ds.type}/${ds.subType ?? ds.type}/${envFolder}/${ds.name}`,
    files: [[`${ds.name}.json`, fastjson(doc)]],
  };
}

function buildQualityRule(env, rule) {
  const id = id19(`quality-rule:${rule.name}`);
  const doc = {
    version: '1.1.0',
    kind: 'DataQuality',
    spec: {
      dqcRules: [
        {
          id,
          name: rule.name,
          table: { guid: `odps.${env.P}.default.${rule.table}`, name: rule.table },
          calcEngine: { type: 'MaxCompute', project: env.P, schema: 'default' },
          partitionExpression: 'dt=$[yyyymmdd-1]',
          schedulerNode: {
            nodeId: id19(`node:${rule.node}`),
            type: 'Normal',
            output: `${env.P}.${rule.node}`,
          },
          ruleConfig: JSON.stringify(rule.ruleConfig),
          description: rule.description,
          ...(rule.notifications ? { notifications: rule.notifications } : {}),
        },
      ],
    },
  };
  return {
    id: `quality-rule:${id}`,
    kind: 'quality-rule',
    dir: `DataQuality/MaxCompute/${rule.table}`,
    files: [[`${rule.name}.json`, fastjson(doc)]],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Assembling the two workspaces

function workspaceJson(ws, objects, stateOf) {
  const states = {};
  for (const o of objects) {
    const s = stateOf(o);
    if (s)
      states[o.id] = clean({
        state: s.state,
        kind: o.kind,
        path: o.path,
        version: s.version,
        changedAt: s.changedAt,
      });
  }
  const config = {
    schemaVersion: 1,
    project: ws.project,
    mode: ws.mode,
    dataStudio: ws.dataStudio,
    edition: ws.edition,
    region: ws.region,
    cloud: ws.cloud,
    computeResources: ws.computeResources,
    resourceGroups: ws.resourceGroups.map((g) =>
      clean({ name: g.name, id: g.id, displayName: g.displayName, type: g.type, tier: g.tier }),
    ),
    dataSources: ws.dataSources.map((d) => clean({ ...d, config: d.config })),
    members: ws.members.map((m) => ({
      accountId: m.accountId,
      accountName: m.accountName,
      displayName: m.displayName,
      roles: m.roles,
    })),
    states,
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

function withPath(obj) {
  const main = obj.files[0][0];
  return { ...obj, path: `${obj.dir}/${main}` };
}

function workflowObjects(env, flows, created, only) {
  const objects = [];
  for (const wf of flows) {
    for (const node of wf.nodes) {
      if (only && !only(wf, node)) continue;
      objects.push(withPath(buildNode(env, wf, node, created)));
    }
  }
  return objects;
}

function makeDev() {
  const env = envOf(DEV);
  const flows = devFlows();
  const created = '2024-05-21 10:12:00';
  const objects = [
    ...workflowObjects(env, flows, created),
    ...RESOURCES.map((r) => withPath(buildResource(env, r, created))),
    ...FUNCTIONS.map((f) => withPath(buildFunction(env, f, created))),
    ...Object.entries(TABLES).flatMap(([wf, tables]) =>
      Object.keys(tables).map((t) => withPath(buildTable(env, wf, t, created))),
    ),
    ...DEV.dataSources.map((d) => withPath(buildDataSource(env, d))),
    ...QUALITY_RULES.map((q) => withPath(buildQualityRule(env, q))),
  ];
  const saved = new Set(['ads_monthly_report', 'holo_refresh_dashboard', 'cache_warmup', 'notify_bi']);
  const committed = new Set([
    'dws_customer_rfm',
    'dws_customer_contact',
    'hive_campaign_attribution',
    'hive_user_segments',
    'export_segments',
    'notify_marketing',
    'mkt_done',
  ]);
  const nodeName = (o) => (o.kind === 'node' ? path.basename(o.dir) : undefined);
  const stateOf = (o) => {
    const n = nodeName(o);
    if (n && saved.has(n)) return undefined; // never committed: no entry means saved
    if (n && committed.has(n))
      return { state: 'committed', version: 2, changedAt: '2024-06-12T09:30:00+08:00' };
    if (o.kind === 'quality-rule')
      return { state: 'committed', version: 1, changedAt: '2024-06-11T11:00:00+08:00' };
    return { state: 'deployed', version: 3, changedAt: '2024-06-10T18:05:00+08:00' };
  };
  return { objects, stateOf };
}

function makeProd() {
  const env = envOf(PROD);
  const flows = devFlows();
  const created = '2024-06-20 21:40:00';
  const ingest = flows.find((wf) => wf.name === 'retail_ingest');
  // Same identity, identical after mapping: ingest_start, di_ods_orders. Same identity, changed: di_ods_customers
  // (prod still has the older version, without the is_deleted filter and with another cron).
  const present = new Set(['ingest_start', 'di_ods_orders', 'di_ods_customers']);
  const oldCustomers = ingest.nodes.find((n) => n.name === 'di_ods_customers');
  const changed = {
    ...oldCustomers,
    code: oldCustomers.code.replace('"where": "is_deleted = 0"', '"where": ""'),
    cron: '00 00 02 * * ?',
  };
  const prodIngest = {
    ...ingest,
    nodes: ingest.nodes
      .filter((n) => present.has(n.name))
      .map((n) => (n.name === 'di_ods_customers' ? changed : n)),
  };
  const prodIngestDownstream = prodIngest.nodes.map((n) =>
    n.name === 'ingest_start' ? n : { ...n, deps: ['@ingest_start'] },
  );
  // A same-named node with another identity: dwd_orders created by hand in prod.
  const conflict = {
    name: 'dwd_orders',
    idSeed: 'prod-handmade:dwd_orders',
    type: 'ODPS_SQL',
    owner: 'erin',
    deps: [`${env.P}_root`],
    params: [bizdate],
    code: `${sqlHeader('erin', '2024-06-18 16:02:00', 'Hand-made hotfix copy of the order facts (created directly in prod).')}INSERT OVERWRITE TABLE ${env.P}.dwd_orders PARTITION (dt = '\${bizdate}')
SELECT  order_id, customer_id, store_id, order_status, order_amount, 0 AS item_count, created_at
FROM    ${env.P}.ods_orders
WHERE   dt = '\${bizdate}'
;
`,
  };
  const hotfix = {
    name: 'prod_hotfix',
    idSeed: 'prod-only:prod_hotfix',
    cron: '00 00 04 * * ?',
    owner: 'erin',
    nodes: [conflict],
  };
  // Prod-only objects: must be left alone by an import.
  const ops = {
    name: 'prod_ops_monitoring',
    idSeed: 'prod-only:prod_ops_monitoring',
    cron: '00 00 08 * * ?',
    owner: 'carol',
    nodes: [
      {
        name: 'ops_start',
        idSeed: 'prod-only:ops_start',
        type: 'VIRTUAL',
        deps: [`${env.P}_root`],
        rg: 'default',
        code: '',
      },
      {
        name: 'ops_partition_watch',
        idSeed: 'prod-only:ops_partition_watch',
        type: 'DIDE_SHELL',
        deps: ['@ops_start'],
        rg: 'default',
        params: [bizdate],
        code: [
          '#!/bin/bash',
          "# Alerts O&M when yesterday's ODS partitions are late.",
          'odpscmd -e "SHOW PARTITIONS retail_prod.ods_orders;" | grep -q "dt=${bizdate}" || exit 1',
          '',
        ].join('\n'),
      },
    ],
  };
  const objects = [
    ...workflowObjects(env, [{ ...prodIngest, nodes: prodIngestDownstream }, hotfix, ops], created),
    // retail_dw exists in prod only as the folder of an earlier import of the UDF jar, its alias file and normalize_sku.
    ...RESOURCES.filter((r) => r.name === 'retail-udf-1.4.0.jar' || r.name === 'sku_aliases.txt').map((r) =>
      withPath(buildResource(env, r, created)),
    ),
    ...FUNCTIONS.filter((f) => f.name === 'normalize_sku').map((f) =>
      withPath(buildFunction(env, f, created)),
    ),
    ...['ods_orders', 'ods_customers'].map((t) => withPath(buildTable(env, 'retail_ingest', t, created))),
    ...PROD.dataSources.map((d) => withPath(buildDataSource(env, d))),
  ];
  const stateOf = (o) =>
    o.path.includes('ops_partition_watch')
      ? { state: 'committed', version: 1, changedAt: '2024-06-21T10:00:00+08:00' }
      : { state: 'deployed', version: 1, changedAt: '2024-06-20T21:45:00+08:00' };
  return { objects, stateOf };
}

// ---------------------------------------------------------------------------------------------------------------
// Writing (or checking)

function render(ws, made) {
  const files = new Map();
  files.set('SPEC.FORMAT', '');
  for (const o of made.objects) for (const [name, content] of o.files) files.set(`${o.dir}/${name}`, content);
  files.set('workspace.json', workspaceJson(ws, made.objects, made.stateOf));
  return files;
}

function listFiles(dir, prefix = '') {
  let out = [];
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries.sort()) {
    const full = path.join(dir, e);
    if (statSync(full).isDirectory()) out = out.concat(listFiles(full, `${prefix}${e}/`));
    else out.push(`${prefix}${e}`);
  }
  return out;
}

function main() {
  const check = process.argv.includes('--check');
  const targets = [
    ['dev', render(DEV, makeDev())],
    ['prod', render(PROD, makeProd())],
  ];
  let differences = 0;
  for (const [key, files] of targets) {
    const root = path.join(SAMPLES, key);
    if (check) {
      const existing = new Set(listFiles(root));
      for (const [rel, content] of files) {
        const full = path.join(root, rel);
        const expected = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
        if (!existing.has(rel) || !readFileSync(full).equals(expected)) {
          console.error(`differs: ${key}/${rel}`);
          differences++;
        }
        existing.delete(rel);
      }
      for (const rel of existing) {
        console.error(`extra: ${key}/${rel}`);
        differences++;
      }
      continue;
    }
    rmSync(root, { recursive: true, force: true });
    for (const [rel, content] of files) {
      const full = path.join(root, rel);
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, content);
    }
    console.log(`${key}: ${files.size} files`);
  }
  if (check && differences > 0) process.exit(1);
}

main();
