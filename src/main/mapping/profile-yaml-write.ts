import {
  Document,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  type Node as YamlNode,
  type Scalar,
} from 'yaml';
import {
  mappingProfileSchema,
  type MappingProfile,
  type MappingSuggestion,
} from '../../shared/model/mapping-profile';
import { fileHeader, sectionComments } from './profile-yaml-comments';

/**
 * Writing profiles as commented YAML: a comment on each section (what it does, allowed values), one on each
 * suggested entry, and a "needs a decision" line for suggestions without a target. Given the file's previous text,
 * the user's comments are kept on every part whose value did not change.
 */

/** Integers are read as bigint so 19-digit ids keep their digits; they become strings (ids, names, values). */
export function normaliseScalars(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(normaliseScalars);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = normaliseScalars(v);
    return out;
  }
  return value;
}

export interface ProfileYamlOptions {
  /** Suggestions to mark on their entries (and to list, for those with no target, under their section). */
  suggestions?: readonly MappingSuggestion[];
  /** The file's previous text: comments on whatever did not change are kept. */
  previous?: string | null;
}

const sectionOf: Record<MappingSuggestion['section'], string> = {
  computeResources: 'computeResources',
  resourceGroups: 'resourceGroups',
  projects: 'projects',
  dataSources: 'dataSources',
  owners: 'owner',
};

/** Key order of the file. */
const sectionOrder = Object.keys(mappingProfileSchema.shape);

function ordered(profile: MappingProfile): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const p = mappingProfileSchema.parse(profile) as Record<string, unknown>;
  for (const key of sectionOrder) if (p[key] !== undefined) out[key] = p[key];
  return out;
}

function suggestionNote(s: MappingSuggestion): string {
  return ` suggested (score ${s.score.toFixed(2)}): ${s.reason}`;
}

function freshDocument(value: Record<string, unknown>, suggestions: readonly MappingSuggestion[]): Document {
  const doc = new Document(value);
  doc.commentBefore = fileHeader;
  const root = doc.contents;
  if (!isMap(root)) return doc;
  for (const pair of root.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const lines = [sectionComments[key] ?? ''];
    const open = suggestions.filter((s) => sectionOf[s.section] === key && s.target === null);
    for (const s of open) lines.push(` needs a decision: ${s.source}: ${s.reason}`);
    if (key === 'sourceProject') {
      const s = suggestions.find((x) => x.section === 'projects' && x.source === value.sourceProject);
      if (s) lines.push(suggestionNote(s));
    }
    pair.key.commentBefore = lines.filter((l) => l !== '').join('\n');
    const section = pair.value;
    if (isSeq(section)) {
      for (const item of section.items) {
        if (!isMap(item)) continue;
        const source = item.get('source');
        const s = suggestions.find(
          (x) => sectionOf[x.section] === key && x.source === source && x.target !== null,
        );
        if (s && item.get('target') === s.target) item.commentBefore = suggestionNote(s);
      }
    }
    if (key === 'owner' && isMap(section)) {
      const map = section.get('map', true);
      if (isMap(map))
        for (const entry of map.items) {
          if (!isPair(entry) || !isScalar(entry.key)) continue;
          const s = suggestions.find(
            (x) => x.section === 'owners' && x.source === String((entry.key as Scalar).value),
          );
          if (s && s.target !== null) entry.key.commentBefore = suggestionNote(s);
        }
    }
  }
  return doc;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Makes `node` hold `value`, keeping comments on every part that already holds the same value. */
function mergeInto(doc: Document, node: unknown, value: unknown, fresh: unknown): unknown {
  const current: unknown = isNode(node) ? normaliseScalars((node as YamlNode).toJS(doc)) : undefined;
  if (current !== undefined && deepEqual(current, value)) return node;
  if (isMap(node) && isMap(fresh) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const pair of [...node.items]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (!(key in record)) node.delete(pair.key);
    }
    for (const [key, v] of Object.entries(record)) {
      const existing = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      const freshPair = fresh.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      if (existing) existing.value = mergeInto(doc, existing.value, v, freshPair?.value);
      else if (freshPair) node.items.push(freshPair);
    }
    return node;
  }
  if (isSeq(node) && isSeq(fresh) && Array.isArray(value)) {
    node.items = value.map<unknown>((v, i) =>
      i < node.items.length ? mergeInto(doc, node.items[i], v, fresh.items[i]) : fresh.items[i],
    );
    return node;
  }
  return fresh;
}

/**
 * Writes a profile as commented YAML. With `previous` (the file's current text), the user's comments and layout are
 * kept on every part whose value did not change, and new parts get Ferry's comments.
 */
export function profileToYaml(profile: MappingProfile, options: ProfileYamlOptions = {}): string {
  const value = ordered(profile);
  const fresh = freshDocument(value, options.suggestions ?? []);
  if (options.previous) {
    const previous = parseDocument(options.previous, {
      schema: 'core',
      intAsBigInt: true,
      keepSourceTokens: false,
    });
    if (previous.errors.length === 0 && isMap(previous.contents)) {
      previous.contents = mergeInto(
        previous,
        previous.contents,
        value,
        fresh.contents,
      ) as typeof previous.contents;
      return previous.toString({ lineWidth: 0 });
    }
  }
  return fresh.toString({ lineWidth: 0 });
}
