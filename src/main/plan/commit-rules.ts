import type { AssetKind } from '../../shared/model/asset';
import type { CommitRules } from '../../shared/model/mapping-profile';
import type { ObjectState } from '../../shared/model/workspace';

/**
 * The state an imported object lands in, from the profile's commit rules (DataWorks `CommitRule`):
 * - resources and functions: their own auto commit / auto deploy;
 * - tables: commit to the development environment = committed, commit to production = deployed;
 * - data sources: deployed (a data source has no commit flow: once added it is in use);
 * - everything else (nodes, workflows, quality rules, queries, components, APIs): the `file` rules.
 * Deploy implies commit: auto deploy without auto commit still lands deployed.
 */
export function landingState(kind: AssetKind, rules: CommitRules): ObjectState {
  const pick = (commit: boolean, deploy: boolean): ObjectState => (deploy ? 'deployed' : commit ? 'committed' : 'saved');
  switch (kind) {
    case 'datasource':
      return 'deployed';
    case 'resource':
      return pick(rules.resourceAutoCommit, rules.resourceAutoDeploy);
    case 'function':
      return pick(rules.functionAutoCommit, rules.functionAutoDeploy);
    case 'table':
      return pick(rules.tableAutoCommitToDev, rules.tableAutoCommitToProd);
    default:
      return pick(rules.fileAutoCommit, rules.fileAutoDeploy);
  }
}

/** True when the rules ask DataWorks to commit or deploy anything automatically (an edition-limited feature). */
export function usesAutoCommit(rules: CommitRules): boolean {
  return (
    rules.resourceAutoCommit ||
    rules.resourceAutoDeploy ||
    rules.functionAutoCommit ||
    rules.functionAutoDeploy ||
    rules.tableAutoCommitToDev ||
    rules.tableAutoCommitToProd ||
    rules.fileAutoCommit ||
    rules.fileAutoDeploy
  );
}
