// Destinations for the plan and import benchmarks, derived from the generated source workspace
// (bench/generate-workspace.mjs):
//
//   node bench/generate-destination.mjs [--nodes 20000] [--force]
//
// - `dest-<n>`: the source as an earlier import would have left it in a prod workspace (project `bench_prod`,
//   compute resource `bench_prod_mc`; standard mode, like the sample prod: basic -> standard is supported), with changes so a plan has every action: every 10th node's code edited
//   (update), every 20th (offset 5) node missing and replaced by a destination-only node with another id and name
//   (create; the destination keeps n objects), the rest identical after mapping (unchanged).
// - `empty-<n>`: workspace.json (+ SPEC.FORMAT) of the same prod workspace and nothing else, for the import.
// - `profile-<n>.yaml`: bench_dev -> bench_prod (project, compute resource); resource groups, data sources and the
//   owner keep their names (they exist in both). The same as `ferry profile suggest` drafts, without its 10 s.
//
// Deterministic (no randomness: positions decide), reused while the `.bench-generated` stamp matches.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateWorkspace } from './generate-workspace.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const DESTINATION_VERSION = 4;
const from = 'bench_dev';
const to = 'bench_prod';

/** The prod workspace.json for a source workspace.json text. */
function prodConfig(sourceText) {
  const config = JSON.parse(sourceText);
  return {
    ...config,
    project: { ...config.project, identifier: to, displayName: 'Bench (prod)', id: '480977' },
    mode: 'standard',
    computeResources: config.computeResources.map((c) => ({
      ...c,
      name: c.name.replace(from, to),
      instance: c.instance.replace(from, to),
    })),
    states: {},
  };
}

/** What `ferry profile suggest <ws> --dest <dest>` drafts for these two workspaces, (the project is
 * mapped by sourceProject/destinationProject). */
function profileYaml(config) {
  const groups = config.resourceGroups.flatMap((g) => [
    `  - source: ${g.name}`,
    `    type: ${g.type}`,
    `    target: ${g.name}`,
  ]);
  const sources = [...new Map(config.dataSources.map((d) => [d.name, d])).values()].flatMap((d) => [
    `  - source: ${d.name}`,
    `    type: ${d.type}`,
    `    target: ${d.name}`,
  ]);
  return [
    '# Bench profile: the generated dev workspace to its prod copy (bench/generate-destination.mjs).',
    'schemaVersion: 1',
    `name: ${from}-to-${to}`,
    `sourceProject: ${from}`,
    `destinationProject: ${to}`,
    'computeResources:',
    `  - source: ${from}_mc`,
    '    engine: MaxCompute',
    `    target: ${to}_mc`,
    'resourceGroups:',
    ...groups,
    'projects: []',
    'dataSources:',
    ...sources,
    'parameters: []',
    'owner:',
    '  rule: default',
    '  map: {}',
    'commitRules:',
    ...[
      'resourceAutoCommit',
      'resourceAutoDeploy',
      'functionAutoCommit',
      'functionAutoDeploy',
      'tableAutoCommitToDev',
      'tableAutoCommitToProd',
      'fileAutoCommit',
      'fileAutoDeploy',
      'ignoreLock',
    ].map((k) => `  ${k}: false`),
    'conflictPolicy: refuse',
    'dataServiceGroups: []',
    'dryRun:',
    '  recurrence: Skip',
    '  nodes: []',
    '  rules: []',
    '',
  ].join('\n');
}

/** Node folders of the source workspace (each holds `<name>.schedule.json` and one code file), in a stable order. */
function nodeFolders(root) {
  const out = [];
  const walk = (dir) => {
    const entries = fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (entries.some((e) => e.isFile() && e.name.endsWith('.schedule.json'))) {
      out.push(dir);
      return;
    }
    for (const e of entries) if (e.isDirectory()) walk(path.join(dir, e.name));
  };
  walk(path.join(root, 'DataStudio'));
  return out;
}

/** Writes the destinations (unless identical ones are there) and returns their paths and action counts. */
export function generateDestination({ nodes = 20000, force = false } = {}) {
  const source = generateWorkspace({ nodes });
  const work = path.join(benchDir, '.work');
  const dest = path.join(work, `dest-${nodes}`);
  const empty = path.join(work, `empty-${nodes}`);
  const profile = path.join(work, `profile-${nodes}.yaml`);
  const countsFile = path.join(work, `dest-${nodes}.counts.json`);
  const stampFile = path.join(dest, '.bench-generated');
  const stamp = JSON.stringify({
    DESTINATION_VERSION,
    nodes,
    source: fs.readFileSync(path.join(source.folder, '.bench-generated'), 'utf8'),
  });
  const result = { dest, empty, profile, source: source.folder };
  if (
    !force &&
    fs.existsSync(stampFile) &&
    fs.readFileSync(stampFile, 'utf8') === stamp &&
    fs.existsSync(empty) &&
    fs.existsSync(profile)
  ) {
    return { ...result, reused: true, ...JSON.parse(fs.readFileSync(countsFile, 'utf8')) };
  }
  const config = `${JSON.stringify(prodConfig(fs.readFileSync(path.join(source.folder, 'workspace.json'), 'utf8')), null, 2)}\n`;
  for (const dir of [dest, empty]) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'SPEC.FORMAT'), '');
    fs.writeFileSync(path.join(dir, 'workspace.json'), config);
  }
  fs.writeFileSync(profile, profileYaml(JSON.parse(config)));

  const counts = { objects: 0, edited: 0, replaced: 0 };
  const projectPattern = new RegExp(`\\b${from}`, 'g');
  nodeFolders(source.folder).forEach((dir, i) => {
    const files = fs.readdirSync(dir).sort();
    const scheduleFile = files.find((f) => f.endsWith('.schedule.json'));
    const name = scheduleFile.slice(0, -'.schedule.json'.length);
    const schedule = fs.readFileSync(path.join(dir, scheduleFile), 'utf8');
    const id = /"id":"(\d+)"/.exec(schedule)?.[1];
    let rename = (text) => text;
    let folderName = name;
    if (i % 20 === 5 && id) {
      // A destination-only node in place of this one: the source node is then a create.
      const otherId = `9${id.slice(1)}`;
      folderName = `${name}_prod_only`;
      rename = (text) => text.split(id).join(otherId).split(name).join(folderName);
      counts.replaced += 1;
    }
    const target = path.join(dest, path.relative(source.folder, path.dirname(dir)), folderName);
    fs.mkdirSync(target, { recursive: true });
    for (const file of files) {
      let text = rename(fs.readFileSync(path.join(dir, file), 'utf8').replace(projectPattern, to));
      if (file !== scheduleFile && i % 10 === 0) {
        text += `\n-- hotfix in prod (${i})\n`;
        counts.edited += 1;
      }
      fs.writeFileSync(path.join(target, file.replace(name, folderName)), text);
    }
    counts.objects += 1;
  });
  fs.writeFileSync(countsFile, JSON.stringify(counts));
  fs.writeFileSync(stampFile, stamp);
  return { ...result, reused: false, ...counts };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const value = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const started = Date.now();
  const result = generateDestination({
    nodes: Number(value('--nodes') ?? 20000),
    force: args.includes('--force'),
  });
  process.stdout.write(`${JSON.stringify(result)} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
