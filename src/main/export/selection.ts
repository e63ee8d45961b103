import { FerryError } from '../../shared/errors';
import type { Asset } from '../../shared/model/asset';
import type { ExportSelection } from '../../shared/model/export';

/**
 * Resolves a custom selection to asset ids. `ids` are taken as they are (an id, or a name only one object, or only
 * one node, has);
 * the other filters are ANDed and their matches added. An id or name that matches nothing is an error naming it,
 * because a silently smaller package is worse than a refused one.
 */
export function selectAssets(assets: readonly Asset[], selection: ExportSelection): Set<string> {
  const picked = new Set<string>();
  const byId = new Map(assets.map((a) => [a.id, a]));
  const byName = new Map<string, Asset[]>();
  for (const a of assets) byName.set(a.name, [...(byName.get(a.name) ?? []), a]);

  const unknown: string[] = [];
  const ambiguous: string[] = [];
  for (const wanted of selection.ids ?? []) {
    if (byId.has(wanted)) picked.add(wanted);
    else {
      const named = byName.get(wanted) ?? [];
      // A node is usually named after the table it writes: a name means the node when exactly one node has it.
      const nodes = named.filter((a) => a.kind === 'node');
      if (named.length === 1) picked.add(named[0].id);
      else if (nodes.length === 1) picked.add(nodes[0].id);
      else if (named.length > 1)
        ambiguous.push(`${wanted} (${named.map((a) => `${a.kind} ${a.id}`).join(', ')})`);
      else unknown.push(wanted);
    }
  }
  if (unknown.length > 0) {
    throw new FerryError(
      'not-found',
      `No object with id or name ${unknown.map((u) => `"${u}"`).join(', ')} in the workspace`,
      {
        unknown,
      },
    );
  }
  if (ambiguous.length > 0) {
    throw new FerryError('bad-request', `Several objects are named ${ambiguous.join('; ')}: select by id`, {
      ambiguous,
    });
  }

  const workflows = selection.workflows ?? [];
  const nodeTypes = (selection.nodeTypes ?? []).map((t) => t.toLowerCase());
  const folders = (selection.folders ?? []).map(globToRegExp);
  if (workflows.length + nodeTypes.length + folders.length === 0) return picked;

  const workflowOf = workflowMembership(assets);
  const workflowIds = new Set(
    assets
      .filter((a) => a.kind === 'workflow' && (workflows.includes(a.name) || workflows.includes(a.id)))
      .map((a) => a.id),
  );
  const missing = workflows.filter(
    (w) => !assets.some((a) => a.kind === 'workflow' && (a.name === w || a.id === w)),
  );
  if (missing.length > 0) {
    throw new FerryError(
      'not-found',
      `No workflow ${missing.map((m) => `"${m}"`).join(', ')} in the workspace`,
      { unknown: missing },
    );
  }
  for (const asset of assets) {
    if (
      workflows.length > 0 &&
      !workflowIds.has(asset.id) &&
      !workflowIds.has(workflowOf.get(asset.id) ?? '')
    )
      continue;
    if (nodeTypes.length > 0 && !nodeTypes.includes((asset.nodeType ?? '').toLowerCase())) continue;
    if (folders.length > 0) {
      const full = asset.folderPath === '' ? asset.name : `${asset.folderPath}/${asset.name}`;
      if (!folders.some((re) => re.test(asset.folderPath) || re.test(full))) continue;
    }
    picked.add(asset.id);
  }
  return picked;
}

/**
 * The workflow asset each object belongs to. `workflowId` names the workflow as the source wrote it (in a SPEC
 * folder, `metadata.container.uuid`), which need not be the id of the workflow asset the reader derives from the
 * folder; so membership falls back to the folder: `<root>/<workflow>/...`.
 */
export function workflowMembership(assets: readonly Asset[]): Map<string, string> {
  const workflows = assets.filter((a) => a.kind === 'workflow');
  const byId = new Set(workflows.map((w) => w.id));
  const byFolder = new Map(
    workflows.map((w) => [w.folderPath === '' ? w.name : `${w.folderPath}/${w.name}`, w.id]),
  );
  const out = new Map<string, string>();
  for (const asset of assets) {
    if (asset.kind === 'workflow') continue;
    if (asset.workflowId !== null && byId.has(asset.workflowId)) {
      out.set(asset.id, asset.workflowId);
      continue;
    }
    const segments = asset.folderPath.split('/');
    const folder = segments.slice(0, 2).join('/');
    const workflow = byFolder.get(folder);
    if (workflow !== undefined) out.set(asset.id, workflow);
  }
  return out;
}

/** True when the selection names anything at all. */
export function isEmptySelection(selection: ExportSelection | undefined): boolean {
  if (!selection) return true;
  return [selection.ids, selection.workflows, selection.nodeTypes, selection.folders].every(
    (list) => !list || list.length === 0,
  );
}

/**
 * A folder glob as a regular expression over POSIX paths: `**` any number of segments, `*` within a segment,
 * `?` one character; a leading or trailing `/` is ignored; a glob without wildcards also matches what lies below it.
 */
export function globToRegExp(glob: string): RegExp {
  const trimmed = glob.replace(/^\/+|\/+$/g, '');
  let out = '';
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed[i];
    if (c === '*' && trimmed[i + 1] === '*') {
      const slash = trimmed[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const below = /[*?]/.test(trimmed) ? '' : '(?:/.*)?';
  return new RegExp(`^${out}${below}$`);
}
