import { detached } from '../text/detached';

/**
 * References to other package objects that live only in code: resource comments and the data sources a Data
 * Integration job names. Cheap regexes, compiled once, run on text the secret scan reads anyway.
 */

/** Upstream `CodeConstants.RESOURCE_REFERENCE_PATTERN` (package-formats.md 1.1), global. */
const resourceReference = /(?:--|##|<!--)\s*@resource_reference\{"([\w.\-]+)"\}/g;

/**
 * Resource names a code body references, each once, in order of appearance. Copies (see detached): a name that ends
 * up in a problem message must not keep the code alive for as long as the inspection is open.
 */
export function resourceReferences(code: string): string[] {
  if (!code.includes('@resource_reference')) return [];
  return unique(Array.from(code.matchAll(resourceReference), (match) => match[1])).map(detached);
}

/** A data source a Data Integration job reads or writes, with the step type (`mysql`, `odps`, ...). */
export interface DatasourceStep {
  name: string;
  type: string | null;
}

/** Fallback when the job is not valid JSON: names without types. */
const diDatasource = /"datasource"\s*:\s*"([^"\\\r\n]+)"/g;

type Json = Record<string, unknown>;
const isObj = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * Data sources a Data Integration (DI) job names (`steps[].parameter.datasource` and
 * `parameter.connection[].datasource`), each once. DI code is a small JSON document, so parsing it is cheap and
 * gives the step type, which tells a data source from a compute engine (`odps`).
 */
export function dataIntegrationDatasources(code: string): DatasourceStep[] {
  if (!code.includes('"datasource"')) return [];
  const found = new Map<string, DatasourceStep>();
  const add = (name: unknown, type: string | null) => {
    if (typeof name === 'string' && name !== '' && !found.has(name)) found.set(name, { name, type });
  };
  let job: unknown;
  try {
    job = JSON.parse(code);
  } catch {
    for (const match of code.matchAll(diDatasource)) add(detached(match[1]), null);
    return [...found.values()];
  }
  for (const step of list(isObj(job) ? job.steps : null)) {
    if (!isObj(step) || !isObj(step.parameter)) continue;
    const type = typeof step.stepType === 'string' ? step.stepType : null;
    add(step.parameter.datasource, type);
    for (const connection of list(step.parameter.connection))
      if (isObj(connection)) add(connection.datasource, type);
  }
  return [...found.values()];
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
