import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A node of a generated FlowSpec workflow: just what a test needs, the rest filled in the DataWorks way. */
export interface TestNode {
  id: string;
  name: string;
  type?: string | null;
  code?: string;
  /** Upstream output strings (`proj.name`, `other.table`, `proj_root`, a node id). */
  depends?: string[];
  folder?: string;
  datasource?: { name: string; type: string };
  fileResources?: string[];
  functions?: string[];
}

export const testProject = 'proj';

/**
 * A real-export-shaped FlowSpec document (workflow-centric: `spec.workflows[0]` with nodes and dependencies;
 * outputs `<id>` and `<project>.<name>`; project identifier in node metadata), plus optional spec-level
 * resources, functions and data sources.
 */
export function flowSpec(
  nodes: TestNode[],
  extra: { datasources?: object[]; fileResources?: object[]; functions?: object[] } = {},
): object {
  return {
    version: '1.1.0',
    kind: 'CycleWorkflow',
    spec: {
      workflows: [
        {
          id: 'wf1',
          name: 'wf',
          script: { path: 'biz/wf', runtime: { command: 'WORKFLOW' } },
          nodes: nodes.map((node) => ({
            id: node.id,
            name: node.name,
            owner: 'alice',
            script: {
              path: node.folder ?? 'biz/wf',
              language: 'odps-sql',
              ...(node.code === undefined ? {} : { content: node.code }),
              runtime: node.type === null ? {} : { command: node.type ?? 'ODPS_SQL', engine: 'MaxCompute' },
            },
            ...(node.datasource ? { datasource: node.datasource } : {}),
            ...(node.fileResources ? { fileResources: node.fileResources.map((name) => ({ name })) } : {}),
            ...(node.functions ? { functions: node.functions.map((name) => ({ name })) } : {}),
            outputs: {
              nodeOutputs: [
                { data: node.id, isDefault: true },
                { data: `${testProject}.${node.name}`, isDefault: false },
              ],
            },
            metadata: { project: { projectIdentifier: testProject } },
          })),
          dependencies: nodes
            .filter((node) => node.depends && node.depends.length > 0)
            .map((node) => ({
              nodeId: node.id,
              depends: node.depends!.map((output) => ({ type: 'Normal', output })),
            })),
        },
      ],
      ...extra,
    },
  };
}

/** Writes a document into a fresh temp dir and returns its path; `cleanup` removes every dir made. */
export function writeTempSpec(document: object, name = 'spec.json'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-inspect-'));
  made.push(dir);
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(document, null, 2));
  return file;
}

const made: string[] = [];

export function cleanupTempSpecs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
