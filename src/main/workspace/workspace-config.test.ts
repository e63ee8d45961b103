import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FerryError } from '../../shared/errors';
import { objectStateOf } from '../../shared/model/workspace';
import { isWorkspaceFolder, readWorkspaceConfig, writeWorkspaceConfig } from './workspace-config';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const samples = path.join(repo, 'resources', 'samples');

let tmp: string;
beforeEach(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'ferry-workspace-'));
});
afterEach(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

/** A copy of a sample's workspace.json in `<tmp>/dev`, edited by `edit`, so messages say `dev/workspace.json`. */
async function devWith(edit: (doc: Record<string, unknown>) => void): Promise<string> {
  const folder = path.join(tmp, 'dev');
  await fs.mkdir(folder);
  const doc = JSON.parse(await fs.readFile(path.join(samples, 'dev', 'workspace.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  edit(doc);
  await fs.writeFile(path.join(folder, 'workspace.json'), JSON.stringify(doc, null, 2));
  return folder;
}

async function failure(promise: Promise<unknown>): Promise<FerryError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FerryError) return error;
    throw error;
  }
  throw new Error('expected a FerryError');
}

type Doc = Record<string, unknown> & {
  project: Record<string, unknown>;
  resourceGroups: Record<string, unknown>[];
  dataSources: (Record<string, unknown> & { config: Record<string, unknown> })[];
  members: Record<string, unknown>[];
  states: Record<string, Record<string, unknown>>;
};
const asDoc = (doc: Record<string, unknown>) => doc as Doc;

describe('the sample workspaces', () => {
  it('load and differ where a migration needs mapping', async () => {
    const dev = await readWorkspaceConfig(path.join(samples, 'dev'));
    const prod = await readWorkspaceConfig(path.join(samples, 'prod'));
    expect(dev.project.identifier).toBe('retail_dev');
    expect(prod.project.identifier).toBe('retail_prod');
    expect(dev.computeResources.map((c) => c.engine)).toEqual(['MaxCompute', 'EMR', 'Hologres']);
    const names = (c: { name: string }[]) => new Set(c.map((x) => x.name));
    expect([...names(dev.computeResources)].filter((n) => names(prod.computeResources).has(n))).toEqual([]);
    expect(dev.resourceGroups.some((g) => g.type === 'data-integration')).toBe(true);
    expect(names(dev.dataSources).has('mysql_legacy_erp')).toBe(true);
    expect(names(prod.dataSources).has('mysql_legacy_erp')).toBe(false);
    expect(dev.members.map((m) => m.accountName)).toContain('dave@retail-demo.onaliyun.com');
    expect(prod.members.map((m) => m.accountName)).not.toContain('dave@retail-demo.onaliyun.com');
  });

  it('dev is a basic-mode workspace (the only kind DataWorks clones from), prod a standard-mode one', async () => {
    const dev = await readWorkspaceConfig(path.join(samples, 'dev'));
    const prod = await readWorkspaceConfig(path.join(samples, 'prod'));
    expect([dev.mode, prod.mode]).toEqual(['basic', 'standard']);
    // Basic mode has one environment: every data source of dev is a production one; prod has both environments.
    expect(new Set(dev.dataSources.map((d) => d.environment))).toEqual(new Set(['production']));
    expect(new Set(prod.dataSources.map((d) => d.environment))).toEqual(
      new Set(['development', 'production']),
    );
  });

  it('record object states; an object without an entry is saved', async () => {
    const dev = await readWorkspaceConfig(path.join(samples, 'dev'));
    const states = Object.values(dev.states).map((s) => s.state);
    expect(new Set(states)).toEqual(new Set(['committed', 'deployed']));
    expect(objectStateOf(dev, 'no-such-object')).toBe('saved');
    const resource = Object.entries(dev.states).find(([id]) => id.startsWith('resource:'));
    expect(resource?.[1].kind).toBe('resource');
  });

  it('are what scripts/make-samples.mjs writes (the script is deterministic)', async () => {
    const run = promisify(execFile);
    const { stderr } = await run(process.execPath, [
      path.join(repo, 'scripts', 'make-samples.mjs'),
      '--check',
    ]);
    expect(stderr).toBe('');
  });

  it('are workspace folders; other paths are not', async () => {
    expect(await isWorkspaceFolder(path.join(samples, 'dev'))).toBe(true);
    expect(await isWorkspaceFolder(path.join(samples, 'prod'))).toBe(true);
    expect(await isWorkspaceFolder(samples)).toBe(false);
    expect(await isWorkspaceFolder(path.join(tmp, 'missing'))).toBe(false);
    expect(await isWorkspaceFolder(path.join(samples, 'dev', 'workspace.json'))).toBe(false);
  });
});

describe('writeWorkspaceConfig', () => {
  it('writes a sample back byte for byte', async () => {
    for (const name of ['dev', 'prod']) {
      const folder = path.join(tmp, name);
      await fs.mkdir(folder);
      const original = await fs.readFile(path.join(samples, name, 'workspace.json'));
      await fs.writeFile(path.join(folder, 'workspace.json'), original);
      await writeWorkspaceConfig(folder, await readWorkspaceConfig(folder));
      expect((await fs.readFile(path.join(folder, 'workspace.json'))).equals(original)).toBe(true);
    }
  });

  it('keeps unknown keys, at every level and in their place', async () => {
    const folder = await devWith((raw) => {
      const doc = asDoc(raw);
      const { project, ...rest } = doc;
      for (const key of Object.keys(doc)) delete doc[key];
      Object.assign(doc, {
        schemaVersion: rest.schemaVersion,
        futureFeature: { enabled: true },
        project,
        ...rest,
      });
      doc.project.labels = ['retail'];
      doc.resourceGroups[1].quota = { cu: 40 };
      doc.members[0].mfa = true;
      doc.dataSources[0].config.connectTimeoutMs = 5000;
      Object.values(doc.states)[0].lockedBy = 'ferry-import-42';
    });
    const file = path.join(folder, 'workspace.json');
    const before = `${(await fs.readFile(file, 'utf8')).trimEnd()}\n`;
    const config = await readWorkspaceConfig(folder);
    expect((config as Record<string, unknown>).futureFeature).toEqual({ enabled: true });
    config.edition = 'Enterprise';
    await writeWorkspaceConfig(folder, config);
    const after = await fs.readFile(file, 'utf8');
    expect(after).toBe(before.replace('"edition": "Professional"', '"edition": "Enterprise"'));
    expect(Object.keys(JSON.parse(after) as object).slice(0, 3)).toEqual([
      'schemaVersion',
      'futureFeature',
      'project',
    ]);
  });

  it('refuses an invalid config and leaves the file and folder as they were', async () => {
    const folder = await devWith(() => undefined);
    const file = path.join(folder, 'workspace.json');
    const before = await fs.readFile(file, 'utf8');
    const config = await readWorkspaceConfig(folder);
    (config.resourceGroups[0] as Record<string, unknown>).tier = 'premium';
    const error = await failure(writeWorkspaceConfig(folder, config));
    expect(error.code).toBe('bad-request');
    expect(error.message).toBe(
      'Refusing to write dev/workspace.json: resourceGroups[0].tier must be one of "default", "shared", "exclusive", not "premium"',
    );
    expect(await fs.readFile(file, 'utf8')).toBe(before);
    expect(await fs.readdir(folder)).toEqual(['workspace.json']);
  });

  it('reports a missing folder as not-found and leaves no temporary file', async () => {
    const config = await readWorkspaceConfig(path.join(samples, 'dev'));
    const error = await failure(writeWorkspaceConfig(path.join(tmp, 'gone'), config));
    expect(error.code).toBe('not-found');
    expect(await fs.readdir(tmp)).toEqual([]);
  });
});

describe('readWorkspaceConfig errors', () => {
  const cases: [string, (doc: Doc) => void, string][] = [
    [
      'a wrong enum value',
      (doc) => {
        doc.resourceGroups[2].type = 'batch';
      },
      'dev/workspace.json: resourceGroups[2].type must be "scheduling" or "data-integration", not "batch"',
    ],
    [
      'a missing field',
      (doc) => {
        delete doc.project.identifier;
      },
      'dev/workspace.json: project.identifier is missing',
    ],
    [
      'a wrong type',
      (doc) => {
        doc.members = { alice: true } as unknown as Doc['members'];
      },
      'dev/workspace.json: members must be a list, not an object',
    ],
    [
      'a number where a string belongs',
      (doc) => {
        doc.members[1].accountId = 1107550004253612;
      },
      'dev/workspace.json: members[1].accountId must be a string, not 1107550004253612',
    ],
    [
      'a bad project identifier',
      (doc) => {
        doc.project.identifier = 'retail-dev';
      },
      'dev/workspace.json: project.identifier must start with a letter and hold only letters, digits and _',
    ],
    [
      'a secret in clear',
      (doc) => {
        doc.dataSources[0].config.password = 'hunter2';
      },
      'dev/workspace.json: dataSources[0].config.password must reference a secret by name ({ "secretRef": "…" }), never hold it in clear',
    ],
    [
      'a state keyed by a numeric id',
      (doc) => {
        const [first] = Object.values(doc.states);
        doc.states['5265299190260511405'] = { ...first, state: 'published' };
      },
      'dev/workspace.json: states["5265299190260511405"].state must be one of "saved", "committed", "deployed", not "published"',
    ],
    [
      'a repeated data source',
      (doc) => {
        doc.dataSources.push({ ...doc.dataSources[0] });
      },
      'dev/workspace.json: dataSources[4].name repeats "mysql_orders" in production',
    ],
    [
      'an empty role list',
      (doc) => {
        doc.members[0].roles = [];
      },
      'dev/workspace.json: members[0].roles must list at least one role',
    ],
    [
      'an empty object',
      (doc) => {
        for (const key of Object.keys(doc)) delete doc[key];
      },
      'dev/workspace.json: schemaVersion is missing (and 11 more problems)',
    ],
  ];

  it.each(cases)('names the file and JSON path for %s', async (_name, edit, message) => {
    const folder = await devWith((doc) => edit(asDoc(doc)));
    const error = await failure(readWorkspaceConfig(folder));
    expect(error.code).toBe('malformed-document');
    expect(error.message).toBe(message);
    expect(error.message).not.toContain('\n');
    expect(error.details?.file).toBe(path.join(folder, 'workspace.json'));
  });

  it('lists every problem in details', async () => {
    const folder = await devWith((raw) => {
      const doc = asDoc(raw);
      doc.mode = 'advanced';
      doc.cloud = 'aws';
    });
    const error = await failure(readWorkspaceConfig(folder));
    expect(error.message).toBe(
      'dev/workspace.json: mode must be "basic" or "standard", not "advanced" (and 1 more problem)',
    );
    expect(error.details?.path).toBe('mode');
    expect(error.details?.problems).toEqual([
      'mode must be "basic" or "standard", not "advanced"',
      'cloud must be one of "aliyun", "aliyun-intl", "aliyun-finance", "aliyun-gov", "apsara-stack", not "aws"',
    ]);
  });

  const addDevelopment = (doc: Doc) =>
    doc.dataSources.push({ ...doc.dataSources[0], environment: 'development' });

  it('rejects a development data source in a basic-mode workspace', async () => {
    const folder = await devWith((raw) => addDevelopment(asDoc(raw)));
    const error = await failure(readWorkspaceConfig(folder));
    expect(error.message).toMatch(
      /^dev\/workspace\.json: dataSources\[4\]\.environment must be "production": a basic-mode workspace/,
    );
  });

  it('accepts a development data source in a standard-mode workspace', async () => {
    const folder = await devWith((raw) => {
      addDevelopment(asDoc(raw));
      raw.mode = 'standard';
    });
    expect((await readWorkspaceConfig(folder)).dataSources.map((d) => d.environment)).toContain(
      'development',
    );
  });

  it('reports broken JSON with line and column', async () => {
    const folder = path.join(tmp, 'dev');
    await fs.mkdir(folder);
    await fs.writeFile(path.join(folder, 'workspace.json'), '{\n  "schemaVersion": 1,\n  "project": {,\n}\n');
    const error = await failure(readWorkspaceConfig(folder));
    expect(error.code).toBe('malformed-document');
    expect(error.message).toMatch(/^dev\/workspace\.json: is not valid JSON at line 3, column 15 \(/);
  });

  it('reports a document that is not an object', async () => {
    const folder = path.join(tmp, 'dev');
    await fs.mkdir(folder);
    await fs.writeFile(path.join(folder, 'workspace.json'), '[]');
    const error = await failure(readWorkspaceConfig(folder));
    expect(error.message).toBe('dev/workspace.json: the document must be an object, not a list');
  });

  it('reports an empty file', async () => {
    const folder = path.join(tmp, 'dev');
    await fs.mkdir(folder);
    await fs.writeFile(path.join(folder, 'workspace.json'), '  \n');
    const error = await failure(readWorkspaceConfig(folder));
    expect(error.message).toBe('dev/workspace.json: is empty, expected a JSON object');
  });

  it('accepts a byte order mark', async () => {
    const folder = path.join(tmp, 'dev');
    await fs.mkdir(folder);
    const text = await fs.readFile(path.join(samples, 'dev', 'workspace.json'), 'utf8');
    await fs.writeFile(path.join(folder, 'workspace.json'), `\uFEFF${text}`);
    expect((await readWorkspaceConfig(folder)).project.identifier).toBe('retail_dev');
  });

  it('refuses a newer schema version instead of guessing', async () => {
    const folder = await devWith((doc) => {
      doc.schemaVersion = 2;
    });
    const error = await failure(readWorkspaceConfig(folder));
    expect(error.code).toBe('unsupported');
    expect(error.message).toBe(
      'dev/workspace.json: schemaVersion 2 was written by a newer Ferry; this one reads up to 1',
    );
  });

  it('reports a folder without workspace.json as not-found', async () => {
    const folder = path.join(tmp, 'dev');
    await fs.mkdir(folder);
    const error = await failure(readWorkspaceConfig(folder));
    expect(error.code).toBe('not-found');
    expect(error.message).toBe('dev/workspace.json: not found (is dev a workspace folder?)');
  });

  it('reports a workspace.json that is a folder', async () => {
    const folder = path.join(tmp, 'dev');
    await fs.mkdir(path.join(folder, 'workspace.json'), { recursive: true });
    const error = await failure(readWorkspaceConfig(folder));
    expect(error.code).toBe('not-a-file');
  });
});
