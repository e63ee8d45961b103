import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FerryError } from '../../shared/errors';
import { completeProfile, loadSamples } from './mapping-samples.test-support';
import { parseProfileYaml, profileToYaml, readProfileFile, writeProfileFile } from './profile-yaml';
import { suggestProfile } from './suggestions';

function problemOf(text: string, file = 'dev-to-prod.yaml'): FerryError {
  try {
    parseProfileYaml(text, file);
  } catch (error) {
    if (error instanceof FerryError) return error;
    throw error;
  }
  throw new Error('expected the profile to be refused');
}

const minimal =
  'schemaVersion: 1\nname: dev-to-prod\nsourceProject: retail_dev\ndestinationProject: retail_prod\n';

describe('profile YAML', () => {
  it('round-trips values and writes a comment on every section', () => {
    const profile = completeProfile({
      description: 'Retail dev to prod',
      parameters: [{ name: 'bizdate', value: '$[yyyymmdd-1]' }],
      owner: { rule: 'map', map: { '1107550004253821': '1107550004253790' }, executor: '1107550004253790' },
      dryRun: {
        recurrence: 'Skip',
        nodes: ['4994384043260344502'],
        rules: [
          { name: 'hologres', nodeType: 'HOLOGRES_SQL' },
          { folderGlob: '业务流程/retail_marketing/**' },
        ],
      },
    });
    const text = profileToYaml(profile);
    expect(parseProfileYaml(text, 'p.yaml')).toEqual(profile);
    for (const key of [
      'computeResources',
      'resourceGroups',
      'projects',
      'dataSources',
      'parameters',
      'owner',
      'commitRules',
      'conflictPolicy',
      'dataServiceGroups',
      'dryRun',
    ])
      expect(text).toMatch(new RegExp(`# [^\\n]+\\n${key}:`));
    expect(text).toContain(
      '# Resource groups (DataWorks ResourceGroupMap). type: scheduling | data-integration.',
    );
    // Account ids and numeric-looking node ids stay strings.
    expect(text).toContain('"1107550004253821": "1107550004253790"');
    expect(text).toContain('- "4994384043260344502"');
    // Unquoted 19-digit ids are read as the same digits, not a rounded number.
    const unquoted = text.replace('- "4994384043260344502"', '- 4994384043260344502');
    expect(parseProfileYaml(unquoted, 'p.yaml').dryRun.nodes).toEqual(['4994384043260344502']);
  });

  it('keeps the user’s comments on re-export, where values did not change', () => {
    const profile = completeProfile();
    const text = profileToYaml(profile).replace(
      'conflictPolicy: refuse',
      '# agreed with the customer on 2024-06-20\nconflictPolicy: refuse',
    );
    const edited = text.replace(
      '  - source: retail_dev_emr',
      '  # EMR cluster C-3A81 in prod\n  - source: retail_dev_emr',
    );
    const parsed = parseProfileYaml(edited, 'p.yaml');
    expect(profileToYaml(parsed, { previous: edited })).toBe(edited);
    const changed = profileToYaml({ ...parsed, conflictPolicy: 'skip' }, { previous: edited });
    expect(changed).toContain('# agreed with the customer on 2024-06-20\nconflictPolicy: skip');
    expect(changed).toContain('# EMR cluster C-3A81 in prod');
    expect(parseProfileYaml(changed, 'p.yaml').conflictPolicy).toBe('skip');
  });

  it('marks suggested entries and lists what needs a decision', async () => {
    const { model, dev, prod } = await loadSamples();
    const { profile, suggestions } = suggestProfile(model, dev, prod);
    const text = profileToYaml(profile, { suggestions });
    expect(text).toContain(
      '  # suggested (score 0.90): same name apart from the environment part (dev -> prod)\n  - source: retail_dev_mc',
    );
    expect(text).toMatch(/# needs a decision: finance_dev: [^\n]+\nprojects: \[\]/);
    expect(parseProfileYaml(text, 'p.yaml')).toEqual(profile);
  });

  it('refuses an unknown key with the file, line and key path, and guesses the intended key', () => {
    const text = `${minimal}computeResources:\n  - source: retail_dev_mc\n    engine: MaxCompute\n    tagret: retail_prod_mc\n`;
    const error = problemOf(text);
    expect(error.code).toBe('malformed-document');
    expect(error.message).toBe(
      'dev-to-prod.yaml:8 computeResources[0].tagret: unknown key (did you mean target?)',
    );
    expect(problemOf(`${minimal}computeResource: []\n`).message).toBe(
      'dev-to-prod.yaml:5 computeResource: unknown key (did you mean computeResources?)',
    );
    expect(problemOf(`${minimal}owner:\n  rule: default\n  zzz: 1\n`).message).toBe(
      'dev-to-prod.yaml:7 owner.zzz: unknown key (allowed: rule, map, executor, packageCreator)',
    );
  });

  it('names the line and key of a bad value', () => {
    const text = `${minimal}resourceGroups:\n  - source: S_res_group_1\n    type: scheduler\n    target: S_res_group_2\n`;
    expect(problemOf(text).message).toBe(
      'dev-to-prod.yaml:7 resourceGroups[0].type: must be "scheduling" | "data-integration", not "scheduler"',
    );
    const missing = `${minimal}dataSources:\n  - source: mysql_orders\n`;
    expect(problemOf(missing).message).toBe(
      'dev-to-prod.yaml:6 dataSources[0].target: is required (or set ignore: true)',
    );
    expect(problemOf('schemaVersion: 1\nname: x\nsourceProject: retail_dev\n').message).toBe(
      'dev-to-prod.yaml:1 destinationProject: is missing',
    );
    expect(problemOf(`${minimal}parameters:\n  - name: rate\n    value: 1.5\n`).message).toBe(
      'dev-to-prod.yaml:7 parameters[0].value: must be a string, not 1.5 (quote it: "1.5")',
    );
    expect(problemOf(minimal.replace('schemaVersion: 1', 'schemaVersion: 2')).message).toBe(
      'dev-to-prod.yaml:1 schemaVersion: 2 was written by a newer Ferry; this one reads 1',
    );
  });

  it('reports every problem in details, the first in the message', () => {
    const error = problemOf(`${minimal}conflictPolicy: merge\nbogus: true\n`);
    expect(error.message).toMatch(/^dev-to-prod\.yaml:6 bogus: unknown key .* \(and 1 more problem\)$/);
    expect(error.details?.problems).toEqual([
      expect.stringContaining(':6 bogus'),
      'dev-to-prod.yaml:5 conflictPolicy: must be "refuse" | "skip" | "overwrite" | "rename", not "merge"',
    ]);
  });

  it('refuses an alias bomb, tags, duplicate keys and syntax errors', () => {
    const bomb = [
      minimal.trimEnd(),
      'description: &a "lol"',
      'x1: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'x2: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'x3: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'x4: [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
    ].join('\n');
    expect(problemOf(bomb).message).toMatch(/^dev-to-prod\.yaml refused: Excessive alias count/);
    expect(problemOf(`${minimal}description: !!js/function "function () {}"\n`).message).toMatch(
      /^dev-to-prod\.yaml:5 /,
    );
    expect(problemOf(`${minimal}description: !custom x\n`).message).toMatch(/^dev-to-prod\.yaml:5 /);
    expect(problemOf(`${minimal}name: again\n`).message).toBe('dev-to-prod.yaml:5 Map keys must be unique');
    expect(problemOf(`${minimal}computeResources: [\n`).message).toMatch(/^dev-to-prod\.yaml:\d+ /);
    expect(problemOf('').message).toBe('dev-to-prod.yaml:1 is empty, expected a mapping profile');
    expect(problemOf('- a\n- b\n').message).toBe('dev-to-prod.yaml:1 must be a mapping, not a list');
  });

  it('reads and writes files atomically, keeping comments', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ferry-profile-'));
    try {
      const file = path.join(dir, 'dev-to-prod.yaml');
      const profile = completeProfile();
      await writeProfileFile(file, profile);
      await fs.writeFile(file, `# keep me\n${await fs.readFile(file, 'utf8')}`);
      await writeProfileFile(file, { ...profile, conflictPolicy: 'overwrite' });
      const text = await fs.readFile(file, 'utf8');
      expect(text.startsWith('# keep me')).toBe(true);
      expect((await readProfileFile(file)).conflictPolicy).toBe('overwrite');
      expect(await fs.readdir(dir)).toEqual(['dev-to-prod.yaml']);
      await expect(readProfileFile(path.join(dir, 'missing.yaml'))).rejects.toThrow(
        'missing.yaml: no such file',
      );
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
