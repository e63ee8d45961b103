import type { InspectionSummary, ObjectRow } from '../../../shared/model/inspection';
import { folderKey, outsideGroupId, type TreeGroup } from '../../store/inspect-slice';

/** One visible line of the object tree. */
export type TreeRow =
  | {
      type: 'group';
      key: string;
      level: 1;
      label: string;
      count: number;
      open: boolean;
      workflowId: string | null;
    }
  | { type: 'folder'; key: string; level: 2; label: string; count: number; open: boolean; parent: string }
  | { type: 'object'; key: string; level: 2 | 3; row: ObjectRow; parent: string }
  | { type: 'status'; key: string; level: 2; status: 'loading' | 'failed' | 'truncated'; parent: string };

/** The folder of `row` below its workflow's own folder (`业务流程/retail_dw/MaxCompute/数据开发` -> `MaxCompute/数据开发`). */
export function folderWithin(row: ObjectRow): string {
  if (!row.workflow) return row.path;
  const parts = row.path.split('/');
  const at = parts.lastIndexOf(row.workflow);
  return at === -1 ? row.path : parts.slice(at + 1).join('/');
}

/**
 * Flattens the tree to the lines currently visible (open groups and folders only), for a virtualised list.
 * Groups: each workflow from the summary, then the objects outside any workflow. Groups start closed; folders
 * inside an open group start open (`toggled` marks the nodes the user flipped).
 */
export function treeRows(
  summary: InspectionSummary,
  groups: Record<string, TreeGroup>,
  toggled: Record<string, true>,
  outsideLabel: string,
): TreeRow[] {
  const rows: TreeRow[] = [];
  const workflowTotal = summary.counts.byWorkflow.reduce((n, w) => n + w.count, 0);
  const outsideCount = Math.max(
    0,
    summary.objectCount - workflowTotal - (summary.counts.byKind.workflow ?? 0),
  );
  const tops = summary.counts.byWorkflow.map((w) => ({
    key: w.id,
    label: w.name,
    count: w.count,
    workflowId: w.id,
  }));
  if (outsideCount > 0)
    tops.push({ key: outsideGroupId, label: outsideLabel, count: outsideCount, workflowId: '' });

  for (const top of tops) {
    const open = Boolean(toggled[top.key]);
    rows.push({
      type: 'group',
      key: top.key,
      level: 1,
      label: top.label,
      count: top.count,
      open,
      workflowId: top.workflowId || null,
    });
    if (!open) continue;
    const group = groups[top.key];
    if (!group || group.status !== 'ready') {
      rows.push({
        type: 'status',
        key: `${top.key}:status`,
        level: 2,
        status: group?.status === 'failed' ? 'failed' : 'loading',
        parent: top.key,
      });
      continue;
    }
    const folders = new Map<string, ObjectRow[]>();
    for (const row of group.rows) {
      const folder = folderWithin(row);
      folders.set(folder, [...(folders.get(folder) ?? []), row]);
    }
    for (const [folder, members] of [...folders].sort((a, b) => a[0].localeCompare(b[0]))) {
      members.sort((a, b) => a.name.localeCompare(b.name));
      if (folder === '') {
        for (const row of members) rows.push({ type: 'object', key: row.id, level: 2, row, parent: top.key });
        continue;
      }
      const key = folderKey(top.key, folder);
      const folderOpen = !toggled[key];
      rows.push({
        type: 'folder',
        key,
        level: 2,
        label: folder,
        count: members.length,
        open: folderOpen,
        parent: top.key,
      });
      if (folderOpen)
        for (const row of members) rows.push({ type: 'object', key: row.id, level: 3, row, parent: key });
    }
    if (group.total > group.rows.length) {
      rows.push({ type: 'status', key: `${top.key}:more`, level: 2, status: 'truncated', parent: top.key });
    }
  }
  return rows;
}
