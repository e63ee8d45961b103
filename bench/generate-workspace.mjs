// Generates a large, deterministic workspace folder in the SPEC layout for the benchmarks:
//
//   node bench/generate-workspace.mjs [--nodes 20000] [--out bench/.work/ws-20000] [--force]
//
// 200 workflows of 100 nodes (ODPS SQL, shell, PyODPS 3 in a 6:2:2 mix), each node a `<node>.schedule.json` written
// the way DataWorks writes it (tabs, no space after ':') plus its code file, so ~40,000 entries; nodes depend on 1-3
// earlier nodes of their workflow and sometimes on a node of the previous workflow; roots depend on `<project>_root`.
// The workspace is basic mode (one environment, production data sources only): DataWorks clones objects across
// workspaces only out of a basic-mode workspace, and `ferry plan` refuses a standard-mode source with an error.
// Code bodies are a few KB of SQL/shell/python with seeded identifiers and literals (so they compress like real code
// rather than like a repeated template). Everything comes from one seeded PRNG: same arguments, same bytes.
// The folder is reused when its `.bench-generated` stamp matches the arguments (use --force to rebuild).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const GENERATOR_VERSION = 4;
const project = 'bench_dev';
const nodesPerWorkflow = 100;

/** mulberry32: small, fast, good enough for test data. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words = (
  'order customer store product sku amount price qty discount tax region channel campaign segment ' +
  'session event click visit cart payment refund invoice supplier stock warehouse shipment carrier ' +
  'status created updated deleted source target daily monthly weekly rolling score rank flag'
).split(' ');

function makeGenerator(random) {
  const int = (n) => Math.floor(random() * n);
  const pick = (list) => list[int(list.length)];
  const id19 = () => `${1 + int(9)}${Array.from({ length: 18 }, () => int(10)).join('')}`;
  const ident = () => `${pick(words)}_${pick(words)}${random() < 0.5 ? `_${int(1000)}` : ''}`;
  const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[int(16)]).join('');
  return { int, pick, id19, ident, hex };
}

function sqlBody(g, name, upstream, target) {
  const columns = Array.from({ length: 12 + g.int(18) }, () => g.ident());
  const lines = [
    `-- ${name}: ${g.pick(words)} ${g.pick(words)} by ${g.pick(words)}, owner ticket ${g.hex(10)}`,
  ];
  lines.push(`INSERT OVERWRITE TABLE ${project}.${target} PARTITION (dt = '\${bizdate}')`);
  lines.push(
    `SELECT  ${columns.map((c, i) => `${i ? '        ,' : ''}${g.int(4) === 0 ? `COALESCE(t${g.int(3)}.${c}, ${g.int(10000)})` : `t0.${c}`} AS ${c}_${g.hex(4)}`).join('\n')}`,
  );
  lines.push(`FROM    ${project}.${upstream[0] ?? `ods_${g.ident()}`} t0`);
  upstream
    .slice(1)
    .forEach((u, i) =>
      lines.push(
        `LEFT JOIN ${project}.${u} t${i + 1}\nON      t0.${g.ident()} = t${i + 1}.${g.ident()}\nAND     t${i + 1}.dt = '\${bizdate}'`,
      ),
    );
  lines.push(`WHERE   t0.dt = '\${bizdate}'`);
  for (let i = 0; i < 10 + g.int(20); i++)
    lines.push(
      `AND     t0.${g.ident()} ${g.pick(['>', '<', '<>', '='])} ${g.int(2) ? g.int(1e6) : `'${g.hex(12)}'`}`,
    );
  lines.push(`;`);
  for (let i = 0; i < 5 + g.int(6); i++) {
    lines.push(`\n-- check ${i}: ${g.hex(32)}`);
    lines.push(
      `SELECT COUNT(*) AS n_${g.hex(6)}, SUM(${g.ident()}) AS s_${g.hex(6)} FROM ${project}.${target} WHERE dt = '\${bizdate}' AND ${g.ident()} IN (${Array.from({ length: 16 + g.int(40) }, () => g.int(1e7)).join(', ')});`,
    );
  }
  return lines.join('\n');
}

function shellBody(g, name) {
  const lines = [
    '#!/bin/bash',
    `# ${name}: ${g.pick(words)} files for \${bizdate} (${g.hex(16)})`,
    'set -euo pipefail',
  ];
  for (let i = 0; i < 60 + g.int(80); i++) {
    const file = `oss://bench-landing-${g.hex(6)}/${g.pick(words)}/${g.ident()}/\${bizdate}/part-${g.int(1000)}.csv`;
    lines.push(
      g.int(3) === 0
        ? `if ! ossutil stat "${file}" >/dev/null 2>&1; then echo "missing ${file}"; exit ${1 + g.int(9)}; fi`
        : `ossutil cp "${file}" "/tmp/${name}/${g.hex(8)}.csv" --retry-times=${g.int(5)}`,
    );
  }
  lines.push(`echo "${name} done: ${g.hex(24)}"`);
  return lines.join('\n');
}

function pythonBody(g, name, target) {
  const lines = [
    `# ${name}: PyODPS 3, ${g.pick(words)} scores (${g.hex(16)})`,
    'import math',
    'from odps import options',
    '',
    `bizdate = args['bizdate']`,
  ];
  const fields = Array.from({ length: 25 + g.int(35) }, () => g.ident());
  lines.push(`WEIGHTS = {${fields.map((f) => `'${f}': ${(g.int(1e6) / 1e5).toFixed(5)}`).join(', ')}}`);
  lines.push(`THRESHOLDS = [${Array.from({ length: 60 + g.int(80) }, () => g.int(1e8)).join(', ')}]`, '');
  lines.push(`def score(row):`, `    total = 0.0`);
  for (const f of fields)
    lines.push(`    total += WEIGHTS['${f}'] * float(row['${f}'] or ${g.int(100)})  # ${g.hex(8)}`);
  lines.push(`    return math.log1p(max(total, 0))`, '');
  lines.push(
    `rows = []`,
    `with o.execute_sql("SELECT * FROM ${project}.${target} WHERE dt = '%s'" % bizdate).open_reader() as reader:`,
    `    for row in reader:`,
    `        rows.append((row['${fields[0]}'], score(row)))`,
  );
  lines.push(
    `o.write_table('${project}.${target}_scored', rows, partition='dt=%s' % bizdate, create_partition=True)`,
  );
  return lines.join('\n');
}

/** DataWorks' writer: fastjson pretty print with tabs, no space after ':', no final newline. */
function fastjson(value, indent = '') {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inner = indent + '\t';
    return `[\n${value.map((v) => inner + fastjson(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value && typeof value === 'object') {
    const inner = indent + '\t';
    return `{\n${Object.entries(value)
      .map(([k, v]) => `${inner}${JSON.stringify(k)}:${fastjson(v, inner)}`)
      .join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

const kinds = [
  {
    type: 'sql',
    weight: 6,
    engine: 'MaxCompute',
    folder: 'MaxCompute/数据开发',
    command: 'ODPS_SQL',
    typeId: 10,
    language: 'odps-sql',
    ext: '.sql',
  },
  {
    type: 'shell',
    weight: 2,
    engine: 'General',
    folder: '通用',
    command: 'DIDE_SHELL',
    typeId: 6,
    language: 'shell',
    ext: '.sh',
  },
  {
    type: 'python',
    weight: 2,
    engine: 'MaxCompute',
    folder: 'MaxCompute/数据开发',
    command: 'PYODPS3',
    typeId: 1221,
    language: 'python3',
    ext: '.py',
  },
];
const kindFor = (i) => (i % 10 < 6 ? kinds[0] : i % 10 < 8 ? kinds[1] : kinds[2]);

function scheduleJson(g, node, workflowId, workflowName, depends) {
  const { kind } = node;
  const spec = {
    recurrence: 'Normal',
    id: node.id,
    timeout: 0,
    instanceMode: 'T+1',
    rerunMode: 'Allowed',
    rerunTimes: 3,
    rerunInterval: 180000,
    ...(kind.engine === 'MaxCompute' ? { datasource: { name: `${project}_mc`, type: 'odps' } } : {}),
    script: {
      path: `业务流程/${workflowName}/${kind.folder}`,
      language: kind.language,
      runtime: { engine: kind.engine, command: kind.command, commandTypeId: kind.typeId },
      id: g.id19(),
      parameters: [
        {
          artifactType: 'Variable',
          name: 'bizdate',
          scope: 'NodeParameter',
          type: 'System',
          value: '$[yyyymmdd-1]',
        },
      ],
    },
    trigger: {
      type: 'Scheduler',
      cron: `00 ${String(g.int(60)).padStart(2, '0')} ${String(g.int(24)).padStart(2, '0')} * * ?`,
      startTime: '1970-01-01 00:00:00',
      endTime: '9999-01-01 00:00:00',
      timezone: 'Asia/Shanghai',
      delaySeconds: 0,
    },
    runtimeResource: {
      resourceGroup: 'S_res_group_5302718846093152_1716282400123',
      resourceGroupId: '78210455',
    },
    name: node.name,
    owner: '1107550004253538',
    metadata: {
      owner: '1107550004253538',
      ownerName: 'alice@retail-demo.onaliyun.com',
      createTime: '2024-05-21 10:12:00',
      tenantId: '5302718846093152',
      project: { projectIdentifier: project, projectName: 'Bench (dev)', projectId: '480213' },
      projectId: '480213',
      container: { type: 'Flow', uuid: workflowId },
    },
    inputs: {
      nodeOutputs: depends.map((d) => ({
        data: d,
        artifactType: 'NodeOutput',
        refTableName: d.split('.').pop(),
      })),
    },
    outputs: {
      nodeOutputs: [
        { data: node.id, artifactType: 'NodeOutput', refTableName: node.name, isDefault: true },
        {
          data: `${project}.${node.name}`,
          artifactType: 'NodeOutput',
          refTableName: node.name,
          isDefault: false,
        },
      ],
    },
  };
  return fastjson({
    version: '1.1.0',
    kind: 'CycleWorkflow',
    spec: {
      nodes: [spec],
      flow: [
        {
          nodeId: node.id,
          depends: depends.map((d) => ({ type: 'Normal', output: d, refTableName: d.split('.').pop() })),
        },
      ],
    },
    metadata: { uuid: node.id },
  });
}

function workspaceJson() {
  const sample = JSON.parse(
    fs.readFileSync(path.join(benchDir, '..', 'resources', 'samples', 'dev', 'workspace.json'), 'utf8'),
  );
  return {
    ...sample,
    project: { ...sample.project, identifier: project, displayName: 'Bench (dev)' },
    mode: 'basic',
    dataSources: sample.dataSources.filter((d) => d.environment === 'production'),
    computeResources: [{ name: `${project}_mc`, engine: 'MaxCompute', instance: project }],
    states: {},
  };
}

/** Writes the workspace (unless an identical one is there) and returns its folder and counts. */
export function generateWorkspace({
  nodes = 20000,
  out = path.join(benchDir, '.work', `ws-${nodes}`),
  seed = 20260301,
  force = false,
} = {}) {
  const stampFile = path.join(out, '.bench-generated');
  const stamp = JSON.stringify({ GENERATOR_VERSION, nodes, seed });
  if (!force && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) {
    return {
      folder: out,
      reused: true,
      ...JSON.parse(fs.readFileSync(path.join(out, '..', `${path.basename(out)}.counts.json`), 'utf8')),
    };
  }
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const g = makeGenerator(prng(seed));
  fs.writeFileSync(path.join(out, 'SPEC.FORMAT'), '');
  fs.writeFileSync(path.join(out, 'workspace.json'), `${JSON.stringify(workspaceJson(), null, 2)}\n`);
  let files = 2;
  let bytes = 0;
  let edges = 0;
  let previousWorkflow = [];
  for (let w = 0; w * nodesPerWorkflow < nodes; w++) {
    const workflowName = `wf_${String(w).padStart(3, '0')}_${g.pick(words)}`;
    const workflowId = g.id19();
    const members = [];
    for (let i = 0; i < nodesPerWorkflow && w * nodesPerWorkflow + i < nodes; i++) {
      const kind = kindFor(i);
      const node = {
        id: g.id19(),
        name: `n${String(w * nodesPerWorkflow + i).padStart(5, '0')}_${g.pick(words)}_${g.pick(words)}`,
        kind,
      };
      const upstream = [];
      if (i > 0)
        for (let k = 0; k < 1 + g.int(3); k++)
          upstream.push(members[Math.max(0, i - 1 - g.int(Math.min(i, 12)))].name);
      if (i > 0 && previousWorkflow.length > 0 && g.int(10) === 0)
        upstream.push(g.pick(previousWorkflow).name);
      const unique = [...new Set(upstream)];
      const depends = unique.length === 0 ? [`${project}_root`] : unique.map((n) => `${project}.${n}`);
      edges += unique.length;
      const code =
        kind.type === 'sql'
          ? sqlBody(g, node.name, unique, node.name)
          : kind.type === 'shell'
            ? shellBody(g, node.name)
            : pythonBody(g, node.name, unique[0] ?? node.name);
      const dir = path.join(
        out,
        'DataStudio',
        '业务流程',
        workflowName,
        ...kind.folder.split('/'),
        node.name,
      );
      fs.mkdirSync(dir, { recursive: true });
      const schedule = scheduleJson(g, node, workflowId, workflowName, depends);
      fs.writeFileSync(path.join(dir, `${node.name}.schedule.json`), schedule);
      fs.writeFileSync(path.join(dir, `${node.name}${kind.ext}`), code);
      files += 2;
      bytes += Buffer.byteLength(schedule) + Buffer.byteLength(code);
      members.push(node);
    }
    previousWorkflow = members;
  }
  const counts = { nodes, workflows: Math.ceil(nodes / nodesPerWorkflow), files, bytes, edges };
  fs.writeFileSync(path.join(out, '..', `${path.basename(out)}.counts.json`), JSON.stringify(counts));
  fs.writeFileSync(stampFile, stamp);
  return { folder: out, reused: false, ...counts };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const value = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const started = Date.now();
  const result = generateWorkspace({
    nodes: Number(value('--nodes') ?? 20000),
    out: value('--out'),
    force: args.includes('--force'),
  });
  process.stdout.write(`${JSON.stringify(result)} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
