import type { OwnerRule } from '../../shared/model/mapping-profile';
import type { WorkspaceConfig } from '../../shared/model/workspace';

/** Who owns an imported object, and why. `owner` is null when the rule cannot name anyone (the gate lists it). */
export interface OwnerOutcome {
  owner: string | null;
  via: 'owner-rule' | 'fallback' | 'profile';
}

/**
 * Applies the owner rule to one source owner (an account id):
 * - `map`: the map's entry, else the default rule;
 * - `executor` / `package-creator`: that account;
 * - `default`: the source owner when a member of the destination, else the executor (a fallback, reported), else
 *   nobody. Without a destination, membership cannot be checked and the source owner is kept.
 */
export function resolveOwner(
  sourceOwner: string,
  rule: OwnerRule,
  destination: Pick<WorkspaceConfig, 'members'> | null,
): OwnerOutcome {
  if (rule.rule === 'map' && rule.map[sourceOwner] !== undefined)
    return { owner: rule.map[sourceOwner], via: 'profile' };
  if (rule.rule === 'executor') return { owner: rule.executor ?? null, via: 'owner-rule' };
  if (rule.rule === 'package-creator') return { owner: rule.packageCreator ?? null, via: 'owner-rule' };
  if (!destination) return { owner: sourceOwner, via: 'owner-rule' };
  if (destination.members.some((m) => m.accountId === sourceOwner))
    return { owner: sourceOwner, via: 'owner-rule' };
  return { owner: rule.executor ?? null, via: 'fallback' };
}
