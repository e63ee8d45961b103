import {
  MAPPING_PROFILE_SCHEMA_VERSION,
  mappingProfileSchema,
  type MappingProfile,
  type MappingSuggestion,
} from '../../shared/model/mapping-profile';
import type { PackageModel } from '../../shared/model/package-model';
import type { WorkspaceConfig } from '../../shared/model/workspace';
import type { CodeScan } from './code-rewrite';
import { nameSimilarity, tokensOf, type Similarity } from './name-similarity';
import { collectSourceInventory, type SourceInventory } from './source-inventory';

/**
 * Suggested bindings for what a profile does not map yet: for each source item, the best destination candidate of
 * the same kind (same engine, same resource group type, same data source type) by name.
 *
 * Suggestions live in a list beside the draft profile ({@link MappingSuggestion}, keyed by section and source name),
 * not inside it: the UI shows a pre-filled entry as a suggestion while its key is in the list, and the YAML export
 * writes them as comments. A suggestion scoring at least {@link SUGGESTION_THRESHOLD} is pre-filled in the profile;
 * a weaker one is listed only (target null, or alternatives), so the gate still stops on it until the user decides.
 */

/** Minimum score for a suggestion to be pre-filled in the draft profile. */
export const SUGGESTION_THRESHOLD = 0.6;

/** When the two best candidates score this close, neither is trusted. */
const AMBIGUITY_MARGIN = 0.03;

interface Candidate {
  target: string;
  /** The name compared (a resource group's display name when both sides have one). */
  compare: string;
}

function best(
  section: MappingSuggestion['section'],
  source: string,
  compareSource: string,
  candidates: Candidate[],
  ignoreTokens: ReadonlySet<string> = new Set(),
): MappingSuggestion {
  const scored = candidates
    .map((c) => ({ c, s: nameSimilarity(compareSource, c.compare, ignoreTokens) }))
    .filter((x) => x.s.score > 0)
    .sort((a, b) => b.s.score - a.s.score || a.c.target.localeCompare(b.c.target));
  if (scored.length === 0)
    return {
      section,
      source,
      target: null,
      score: 0,
      reason:
        candidates.length === 0
          ? 'the destination has no candidate of this kind'
          : 'no destination name resembles it',
      alternatives: [],
    };
  const [top, second] = scored;
  let { score, reason }: Similarity = top.s;
  if (second && score < 1 && top.s.score - second.s.score < AMBIGUITY_MARGIN) {
    score = Math.round(score * 0.7 * 100) / 100;
    reason = `${reason}; ambiguous: ${second.c.target} fits as well`;
  }
  return {
    section,
    source,
    target: score >= SUGGESTION_THRESHOLD ? top.c.target : null,
    score,
    reason: score >= SUGGESTION_THRESHOLD ? reason : `best candidate ${top.c.target} is too weak (${reason})`,
    alternatives: scored
      .slice(score >= SUGGESTION_THRESHOLD ? 1 : 0, 4)
      .map((x) => ({ target: x.c.target, score: x.s.score })),
  };
}

export interface SuggestOptions {
  /** References found in code (DI data sources and resource groups): without it those are not seen. */
  codeScan?: CodeScan | null;
  /** A profile to complete: its entries are kept, only what it does not map is suggested. */
  existing?: MappingProfile | null;
  /** Name of the draft profile. */
  name?: string;
}

export interface SuggestedProfile {
  profile: MappingProfile;
  /** Every suggestion made, pre-filled or not (a suggestion with target null needs a decision). */
  suggestions: MappingSuggestion[];
  inventory: SourceInventory;
}

/**
 * Drafts a profile for moving `model` into `destination`: keeps what `existing` maps and suggests the rest. Owners
 * who are destination members need nothing (the default rule keeps them); others get a map entry only when a
 * member's account name is a strong match, else a suggestion with target null (they fall back to the executor).
 */
export function suggestProfile(
  model: Pick<PackageModel, 'assets' | 'projectIdentifier'>,
  sourceWorkspace: WorkspaceConfig | null,
  destination: WorkspaceConfig,
  options: SuggestOptions = {},
): SuggestedProfile {
  const inventory = collectSourceInventory(model, sourceWorkspace, options.codeScan ?? null);
  const sourceProject =
    options.existing?.sourceProject ?? inventory.project ?? destination.project.identifier;
  const base: MappingProfile =
    options.existing ??
    mappingProfileSchema.parse({
      schemaVersion: MAPPING_PROFILE_SCHEMA_VERSION,
      name: options.name ?? `${sourceProject}-to-${destination.project.identifier}`,
      sourceProject,
      destinationProject: destination.project.identifier,
    });
  const profile: MappingProfile = structuredClone(base);
  const suggestions: MappingSuggestion[] = [];

  if (!options.existing) {
    const s = nameSimilarity(sourceProject, destination.project.identifier);
    suggestions.push({
      section: 'projects',
      source: sourceProject,
      target: destination.project.identifier,
      score: s.score,
      reason: `the destination workspace (${s.reason})`,
      alternatives: [],
    });
  }

  const mappedCompute = new Set(profile.computeResources.map((e) => e.source));
  for (const item of inventory.computeResources) {
    if (mappedCompute.has(item.name) || item.engine === null) continue;
    const candidates = destination.computeResources
      .filter((c) => c.engine === item.engine)
      .map((c) => ({ target: c.name, compare: c.name }));
    const s = best('computeResources', item.name, item.name, candidates);
    if (candidates.length === 0) s.reason = `the destination has no ${item.engine} compute resource`;
    suggestions.push(s);
    if (s.target) profile.computeResources.push({ source: item.name, engine: item.engine, target: s.target });
  }

  const mappedGroups = new Set(profile.resourceGroups.map((e) => `${e.type}\u0000${e.source}`));
  for (const item of inventory.resourceGroups) {
    if (mappedGroups.has(`${item.type}\u0000${item.name}`)) continue;
    const sameType = destination.resourceGroups.filter((g) => g.type === item.type);
    const byDisplay = item.displayName !== null && !sameType.some((g) => g.name === item.name);
    const candidates = sameType.map((g) => ({
      target: g.name,
      compare: byDisplay && g.displayName ? g.displayName : g.name,
    }));
    const s = best(
      'resourceGroups',
      item.name,
      byDisplay ? (item.displayName ?? item.name) : item.name,
      candidates,
    );
    if (s.target && byDisplay) {
      const targetDisplay = sameType.find((g) => g.name === s.target)?.displayName ?? s.target;
      s.reason = `display names ${item.displayName} -> ${targetDisplay}: ${s.reason}`;
    }
    suggestions.push(s);
    if (s.target) profile.resourceGroups.push({ source: item.name, type: item.type, target: s.target });
  }

  const mappedProjects = new Set(profile.projects.map((e) => e.source));
  for (const item of inventory.projects) {
    if (mappedProjects.has(item.name) || item.name === sourceProject) continue;
    // Only the destination's own identifier is known; cross-project targets must usually come from the user.
    const s = best('projects', item.name, item.name, [
      { target: destination.project.identifier, compare: destination.project.identifier },
    ]);
    if (s.target === null)
      s.reason = `no known destination project resembles ${item.name}: enter the destination project, or ignore to keep the reference`;
    suggestions.push(s);
    if (s.target) profile.projects.push({ source: item.name, target: s.target });
  }

  const mappedData = new Set(profile.dataSources.map((e) => e.source));
  const destData = new Map<string, string>();
  for (const d of destination.dataSources) destData.set(d.name, d.type);
  for (const item of inventory.dataSources) {
    if (mappedData.has(item.name)) continue;
    const candidates = [...destData]
      .filter(([, type]) => item.type === null || type === item.type)
      .map(([name]) => ({ target: name, compare: name }));
    const ignore = new Set(item.type ? tokensOf(item.type) : []);
    const s = best('dataSources', item.name, item.name, candidates, ignore);
    if (candidates.length === 0)
      s.reason = `the destination has no ${item.type ?? ''} data source`.replace('  ', ' ');
    suggestions.push(s);
    if (s.target)
      profile.dataSources.push({
        source: item.name,
        ...(item.type ? { type: item.type } : {}),
        target: s.target,
      });
  }

  const members = new Map(destination.members.map((m) => [m.accountId, m]));
  for (const item of inventory.owners) {
    if (members.has(item.name) || profile.owner.map[item.name] !== undefined) continue;
    const local = (name: string) => name.replace(/@.*/, '');
    const candidates = item.accountName
      ? destination.members.map((m) => ({ target: m.accountId, compare: local(m.accountName) }))
      : [];
    const s = best('owners', item.name, item.accountName ? local(item.accountName) : item.name, candidates);
    const who = item.accountName ?? item.name;
    if (s.target === null)
      s.reason = `${who} is not a member of ${destination.project.identifier}: the default rule gives their ${item.where.length} object(s) to the executor`;
    suggestions.push(s);
    if (s.target) {
      profile.owner.map[item.name] = s.target;
      if (profile.owner.rule === 'default') profile.owner.rule = 'map';
    }
  }
  return { profile, suggestions, inventory };
}
