import type { MethodOutput } from '../../shared/api/contract';
import type { ErrorShape } from '../../shared/errors';
import type {
  ConflictPolicy,
  MappingProfile,
  MappingSection,
  MappingSuggestion,
} from '../../shared/model/mapping-profile';
import type { ProfileRecord } from '../../shared/model/profile-record';
import { asErrorShape } from '../lib/as-ferry-error';
import { knownSources, type KnownSource } from './mapping-rows';
import type { SliceCreator } from './ferry-store';

export type ProfileFinding = MethodOutput<'profile:validate'>['findings'][number];

/** The Map step: the package, the destination, the draft profile and the suggestions beside it. */
export interface MappingState {
  /** The package being mapped (the one Inspect opened) and, when known, the workspace it was exported from. */
  packagePath: string | null;
  sourceWorkspacePath: string | null;
  destinationPath: string;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  error: ErrorShape | null;
  profile: MappingProfile | null;
  suggestions: MappingSuggestion[];
  findings: ProfileFinding[];
  validating: boolean;
  /** Resource groups (by source name) where DataWorks does not offer ignore (default and shared groups). */
  noIgnoreGroups: string[];
  saved: ProfileRecord[];
  /** The last save/load/YAML outcome, for a status line. */
  notice: string | null;
  actionError: ErrorShape | null;
  /** Bumped on every edit, so a plan made from an older profile is known to be stale. */
  revision: number;
  /** The section the Preview gate sent the user to fix (scrolled to and focused). */
  focus: string | null;
  /** Source items shown since the draft, so a row stays when its choice is cleared. */
  known: KnownSource[];
}

export interface ProfileSlice {
  mapping: MappingState;
  /** Sets what is mapped: keeps the profile when the package and destination stay the same. */
  setMappingSource: (packagePath: string, sourceWorkspacePath: string | null) => void;
  setDestination: (path: string) => void;
  suggestProfile: () => Promise<void>;
  /** Applies an edit to the profile, drops the suggestion marker of what it touched, and re-validates. */
  editProfile: (
    edit: (p: MappingProfile) => void,
    touched?: { section: MappingSuggestion['section']; source: string },
  ) => void;
  acceptSuggestion: (section: MappingSuggestion['section'], source: string) => void;
  setTarget: (section: MappingSection, source: string, target: string, type?: string | null) => void;
  setIgnore: (section: MappingSection, source: string, ignore: boolean, type?: string | null) => void;
  setConflictPolicy: (policy: ConflictPolicy) => void;
  /** Shows the Map step at a section (the gate's "Fix in Map" link). */
  focusMapSection: (section: string) => void;
  validateProfile: () => Promise<void>;
  saveProfile: () => Promise<void>;
  loadSavedProfiles: () => Promise<void>;
  loadSavedProfile: (name: string) => Promise<void>;
  importProfileYaml: (text: string, fileName: string) => Promise<void>;
  exportProfileYaml: () => Promise<string | null>;
}

function initialMapping(): MappingState {
  return {
    packagePath: null,
    sourceWorkspacePath: null,
    destinationPath: '',
    status: 'idle',
    error: null,
    profile: null,
    suggestions: [],
    findings: [],
    validating: false,
    noIgnoreGroups: [],
    saved: [],
    notice: null,
    actionError: null,
    revision: 0,
    focus: null,
    known: [],
  };
}

interface Entry {
  source: string;
  target?: string;
  ignore?: boolean;
  engine?: string;
  type?: string;
}

/** Finds or adds the entry of `source`; a new compute/resource group entry needs its engine/type. */
function entryOf(
  profile: MappingProfile,
  section: MappingSection,
  source: string,
  type?: string | null,
): Entry {
  const list = profile[section] as Entry[];
  let entry = list.find((e) => e.source === source);
  if (!entry) {
    entry = { source };
    if (section === 'computeResources') entry.engine = type ?? 'MaxCompute';
    if (section === 'resourceGroups') entry.type = type ?? 'scheduling';
    list.push(entry);
  }
  return entry;
}

const validateDelayMs = 300;

export const createProfileSlice: SliceCreator<ProfileSlice> =
  ({ client }) =>
  (set, get) => {
    const write = (next: Partial<MappingState>) => set((s) => ({ mapping: { ...s.mapping, ...next } }));
    let validateTimer: ReturnType<typeof setTimeout> | null = null;
    let validation = 0;

    /** Ask the backend's rule which resource groups may not be ignored: validate a copy with every group ignored. */
    async function probeIgnore(profile: MappingProfile, destinationPath: string) {
      if (profile.resourceGroups.length === 0) return;
      const probe = structuredClone(profile);
      probe.resourceGroups = probe.resourceGroups.map((g) => ({
        source: g.source,
        type: g.type,
        ignore: true,
      }));
      try {
        const { findings } = await client.call('profile:validate', {
          profile: probe,
          destinationPath,
          ...(get().mapping.sourceWorkspacePath
            ? { sourceWorkspacePath: get().mapping.sourceWorkspacePath! }
            : {}),
        });
        const names = findings
          .filter((f) => f.code === 'ignore-not-offered')
          .map((f) => /^resourceGroups\[(\d+)\]/.exec(f.path))
          .filter((m): m is RegExpExecArray => m !== null)
          .map((m) => probe.resourceGroups[Number(m[1])]?.source)
          .filter((n): n is string => Boolean(n));
        write({ noIgnoreGroups: names });
      } catch {
        // Best effort: validation still reports an ignore the rule forbids.
      }
    }

    const scheduleValidate = () => {
      if (validateTimer) clearTimeout(validateTimer);
      validateTimer = setTimeout(() => void get().validateProfile(), validateDelayMs);
    };

    const adopt = (profile: MappingProfile, suggestions: MappingSuggestion[], notice: string | null) => {
      write({
        profile,
        suggestions,
        known: [
          ...get().mapping.known,
          ...knownSources(profile, suggestions).filter(
            (k) => !get().mapping.known.some((o) => o.section === k.section && o.source === k.source),
          ),
        ],
        status: 'ready',
        error: null,
        notice,
        actionError: null,
        revision: get().mapping.revision + 1,
      });
      void get().validateProfile();
      void probeIgnore(profile, get().mapping.destinationPath);
    };

    return {
      mapping: initialMapping(),
      setMappingSource(packagePath, sourceWorkspacePath) {
        const m = get().mapping;
        if (m.packagePath === packagePath && m.sourceWorkspacePath === sourceWorkspacePath) return;
        write({
          ...initialMapping(),
          packagePath,
          sourceWorkspacePath,
          destinationPath: m.destinationPath,
          saved: m.saved,
        });
      },
      setDestination(path) {
        write({ destinationPath: path });
      },
      async suggestProfile() {
        const { packagePath, destinationPath, sourceWorkspacePath, profile } = get().mapping;
        if (!packagePath || !destinationPath.trim()) return;
        write({ status: 'loading', error: null });
        try {
          const result = await client.call('profile:suggest', {
            packagePath,
            destinationPath: destinationPath.trim(),
            ...(sourceWorkspacePath ? { sourceWorkspacePath } : {}),
            ...(profile ? { existing: profile } : {}),
          });
          adopt(result.profile, result.suggestions, null);
        } catch (error) {
          write({ status: 'failed', error: asErrorShape(error) });
        }
      },
      editProfile(edit, touched) {
        const current = get().mapping.profile;
        if (!current) return;
        const profile = structuredClone(current);
        edit(profile);
        const suggestions = touched
          ? get().mapping.suggestions.filter(
              (s) => !(s.section === touched.section && s.source === touched.source),
            )
          : get().mapping.suggestions;
        write({ profile, suggestions, revision: get().mapping.revision + 1, notice: null });
        scheduleValidate();
      },
      acceptSuggestion(section, source) {
        const s = get().mapping.suggestions.find((x) => x.section === section && x.source === source);
        if (!s) return;
        get().editProfile(
          (p) => {
            if (!s.target) return;
            if (section === 'owners') p.owner.map[source] = s.target;
            else if (section === 'projects' && source === p.sourceProject) p.destinationProject = s.target;
            else {
              const entry = entryOf(p, section, source);
              entry.target = s.target;
              delete entry.ignore;
            }
          },
          { section, source },
        );
      },
      setTarget(section, source, target, type) {
        get().editProfile(
          (p) => {
            if (section === 'projects' && source === p.sourceProject) {
              p.destinationProject = target;
              return;
            }
            const list = p[section] as Entry[];
            if (!target) {
              const index = list.findIndex((e) => e.source === source);
              if (index >= 0) list.splice(index, 1);
              return;
            }
            const entry = entryOf(p, section, source, type);
            entry.target = target;
            delete entry.ignore;
          },
          { section, source },
        );
      },
      setIgnore(section, source, ignore, type) {
        get().editProfile(
          (p) => {
            const list = p[section] as Entry[];
            if (!ignore) {
              const index = list.findIndex((e) => e.source === source && e.ignore);
              if (index >= 0) list.splice(index, 1);
              return;
            }
            const entry = entryOf(p, section, source, type);
            entry.ignore = true;
            delete entry.target;
          },
          { section, source },
        );
      },
      setConflictPolicy(policy) {
        get().editProfile((p) => {
          p.conflictPolicy = policy;
        });
      },
      focusMapSection(section) {
        // The plan's gate names profile sections; owners are fixed in the owner rule section.
        if (section === 'owners' || section.startsWith('owner')) section = 'owner';
        write({ focus: null });
        if (get().navigate('map')) setTimeout(() => write({ focus: section }), 0);
      },
      async validateProfile() {
        const { profile, destinationPath, sourceWorkspacePath } = get().mapping;
        if (!profile || !destinationPath.trim()) return;
        const mine = ++validation;
        write({ validating: true });
        try {
          const { findings } = await client.call('profile:validate', {
            profile,
            destinationPath: destinationPath.trim(),
            ...(sourceWorkspacePath ? { sourceWorkspacePath } : {}),
          });
          if (mine === validation) write({ findings, validating: false });
        } catch (error) {
          if (mine === validation) write({ validating: false, actionError: asErrorShape(error) });
        }
      },
      async saveProfile() {
        const { profile } = get().mapping;
        if (!profile) return;
        try {
          const record = await client.call('profile:save', { profile });
          write({ notice: record.name, actionError: null });
          await get().loadSavedProfiles();
        } catch (error) {
          write({ actionError: asErrorShape(error) });
        }
      },
      async loadSavedProfiles() {
        try {
          write({ saved: await client.call('profile:list', {}) });
        } catch (error) {
          write({ actionError: asErrorShape(error) });
        }
      },
      async loadSavedProfile(name) {
        try {
          const { profile } = await client.call('profile:get', { name });
          adopt(profile, [], null);
        } catch (error) {
          write({ actionError: asErrorShape(error) });
        }
      },
      async importProfileYaml(text, fileName) {
        try {
          const profile = await client.call('profile:fromYaml', { text, fileName });
          adopt(profile, [], null);
        } catch (error) {
          write({ actionError: asErrorShape(error) });
        }
      },
      async exportProfileYaml() {
        const { profile, suggestions } = get().mapping;
        if (!profile) return null;
        try {
          const { text } = await client.call('profile:toYaml', { profile, suggestions });
          return text;
        } catch (error) {
          write({ actionError: asErrorShape(error) });
          return null;
        }
      },
    };
  };
