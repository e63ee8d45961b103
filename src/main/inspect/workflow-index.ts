import type { Asset } from '../../shared/model/asset';

/** The workflow an object belongs to, as the Inspect view shows it. */
export interface WorkflowRef {
  id: string;
  name: string;
}

/**
 * Finds each object's workflow. FlowSpec files name it directly (`workflowId` is a workflow asset), but in a
 * SPEC package a node's `workflowId` is the DataWorks container uuid from its metadata while the workflow
 * asset is derived from the folder, so the folder (`<root>/<workflow>/...`) is the fallback. Lookups cost the
 * folder depth, not the number of workflows.
 */
export class WorkflowIndex {
  private readonly byId = new Map<string, WorkflowRef>();
  private readonly byFolder = new Map<string, WorkflowRef>();

  /** Registers a workflow asset; call for every workflow before {@link workflowOf}. */
  add(asset: Asset): void {
    const ref = { id: asset.id, name: asset.name };
    if (!this.byId.has(asset.id)) this.byId.set(asset.id, ref);
    const folder = asset.folderPath === '' ? asset.name : `${asset.folderPath}/${asset.name}`;
    if (!this.byFolder.has(folder)) this.byFolder.set(folder, ref);
  }

  /** The workflow of a non-workflow object; an unknown `workflowId` is kept with the id as its name. */
  workflowOf(asset: Asset): WorkflowRef | null {
    if (asset.kind === 'workflow') return null;
    if (asset.workflowId !== null) {
      const direct = this.byId.get(asset.workflowId);
      if (direct) return direct;
    }
    let folder = asset.folderPath;
    while (folder !== '') {
      const hit = this.byFolder.get(folder);
      if (hit) return hit;
      const slash = folder.lastIndexOf('/');
      folder = slash < 0 ? '' : folder.slice(0, slash);
    }
    return asset.workflowId === null ? null : { id: asset.workflowId, name: asset.workflowId };
  }
}
