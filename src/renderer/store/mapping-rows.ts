import type { MappingProfile, MappingSection, MappingSuggestion } from '../../shared/model/mapping-profile';

/**
 * The Map step's tables, derived from the profile and the suggestions beside it: one row per source item a section
 * knows of (an entry in the profile, or a suggestion that still needs a decision). Pure, so it is tested with plain
 * objects and recomputed on every edit.
 */
export interface MappingRow {
  source: string;
  /** The destination name chosen (pre-filled suggestions included); null when nothing is chosen. */
  target: string | null;
  ignore: boolean;
  /** Engine (compute resources) or type (resource groups, data sources) of the entry, when known. */
  type: string | null;
  /** The suggestion for this source while it is still only a suggestion (not accepted, not edited). */
  suggestion: MappingSuggestion | null;
  /** Destination names worth offering: the suggestion's target and alternatives, and targets used elsewhere. */
  candidates: string[];
  /** The package's own project (projects section): always mapped to the destination project, never ignored. */
  own: boolean;
}

export function suggestionFor(
  suggestions: readonly MappingSuggestion[],
  section: MappingSuggestion['section'],
  source: string,
): MappingSuggestion | null {
  return suggestions.find((s) => s.section === section && s.source === source) ?? null;
}

interface Entry {
  source: string;
  target?: string;
  ignore?: boolean;
  engine?: string;
  type?: string;
}

export function sectionEntries(profile: MappingProfile, section: MappingSection): Entry[] {
  return profile[section] as Entry[];
}

export function mappingRows(
  profile: MappingProfile,
  suggestions: readonly MappingSuggestion[],
  section: MappingSection,
  /** Sources seen since the draft (a cleared choice or a dropped suggestion keeps its row). */
  known: readonly KnownSource[] = [],
): MappingRow[] {
  const entries = sectionEntries(profile, section);
  const used = entries.map((e) => e.target).filter((t): t is string => Boolean(t));
  const candidatesOf = (s: MappingSuggestion | null) => {
    const names = [
      ...(s?.target ? [s.target] : []),
      ...(s?.alternatives.map((a) => a.target) ?? []),
      ...used,
    ];
    return [...new Set(names)].sort();
  };
  const rows: MappingRow[] = [];
  if (section === 'projects') {
    const s = suggestionFor(suggestions, 'projects', profile.sourceProject);
    rows.push({
      source: profile.sourceProject,
      target: profile.destinationProject,
      ignore: false,
      type: null,
      suggestion: s?.target ? s : null,
      candidates: candidatesOf(s),
      own: true,
    });
  }
  for (const entry of entries) {
    const s = suggestionFor(suggestions, section, entry.source);
    rows.push({
      source: entry.source,
      target: entry.target ?? null,
      ignore: entry.ignore === true,
      type: entry.engine ?? entry.type ?? null,
      suggestion: s,
      candidates: candidatesOf(s),
      own: false,
    });
  }
  for (const s of suggestions) {
    if (s.section !== section || rows.some((r) => r.source === s.source)) continue;
    rows.push({
      source: s.source,
      target: null,
      ignore: false,
      type: null,
      suggestion: s,
      candidates: candidatesOf(s),
      own: false,
    });
  }
  for (const k of known) {
    if (k.section !== section || rows.some((r) => r.source === k.source)) continue;
    rows.push({
      source: k.source,
      target: null,
      ignore: false,
      type: k.type,
      suggestion: null,
      candidates: candidatesOf(null),
      own: false,
    });
  }
  return rows;
}

/** A source item the Map step has shown, so its row stays while the user changes their mind. */
export interface KnownSource {
  section: MappingSuggestion['section'];
  source: string;
  type: string | null;
}

/** Every source of the profile's sections and of the suggestions. */
export function knownSources(
  profile: MappingProfile,
  suggestions: readonly MappingSuggestion[],
): KnownSource[] {
  const known: KnownSource[] = [];
  for (const section of ['computeResources', 'resourceGroups', 'projects', 'dataSources'] as const)
    for (const e of sectionEntries(profile, section))
      known.push({ section, source: e.source, type: e.engine ?? e.type ?? null });
  for (const s of suggestions)
    if (!known.some((k) => k.section === s.section && k.source === s.source))
      known.push({ section: s.section, source: s.source, type: null });
  return known;
}

/** A row that is neither mapped nor ignored: the plan's gate would list it. */
export function isUnmapped(row: MappingRow): boolean {
  return !row.ignore && !row.target;
}

export function unmappedCount(rows: readonly MappingRow[]): number {
  return rows.filter(isUnmapped).length;
}

/** Owners the suggestions could not place (not destination members, no strong match) and the map does not cover. */
export function ownerRows(
  profile: MappingProfile,
  suggestions: readonly MappingSuggestion[],
  known: readonly KnownSource[] = [],
) {
  const sources = new Set([
    ...Object.keys(profile.owner.map),
    ...known.filter((k) => k.section === 'owners').map((k) => k.source),
    ...suggestions.filter((s) => s.section === 'owners').map((s) => s.source),
  ]);
  return [...sources].sort().map((source) => ({
    source,
    target: profile.owner.map[source] ?? null,
    suggestion: suggestionFor(suggestions, 'owners', source),
  }));
}

/**
 * Owners no rule resolves: not mapped, and no executor to fall back to (the default and map rules fall back to the
 * executor for owners who are not destination members).
 */
export function unresolvedOwners(
  profile: MappingProfile,
  suggestions: readonly MappingSuggestion[],
  known: readonly KnownSource[] = [],
): number {
  if (profile.owner.executor) return 0;
  if (profile.owner.rule === 'package-creator' || profile.owner.rule === 'executor') return 0;
  return ownerRows(profile, suggestions, known).filter((r) => !r.target).length;
}
