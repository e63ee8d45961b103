import { z } from 'zod';
import { method } from '../define';
import { mappingProfileSchema, mappingSuggestionSchema } from '../../model/mapping-profile';
import { profileRecordSchema } from '../../model/profile-record';
import { empty } from './common';

const path = (what: string) => z.string().min(1, `Give the path of ${what}.`);
const profileName = z.string().min(1, 'Give the name of a saved profile.');

/** A finding of `profile:validate`: the key it is about and the DataWorks rule it comes from. */
export const profileFindingSchema = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
  /** The profile key path, e.g. `resourceGroups[1].target`. */
  path: z.string(),
  rule: z.string(),
});

/** Step 4 of the journey (Map): draft, check, import/export and keep mapping profiles. */
export const profileMethods = {
  'profile:suggest': method(
    z
      .object({
        packagePath: path('a package file or folder'),
        destinationPath: path('the destination workspace folder'),
        /** The source workspace folder (resource group tiers, data source types); defaults to the package when it is one. */
        sourceWorkspacePath: z.string().min(1).optional(),
        /** A profile to complete: its entries are kept, only what it does not map is suggested. */
        existing: mappingProfileSchema.optional(),
        name: z.string().min(1).optional(),
      })
      .strict(),
    z.object({ profile: mappingProfileSchema, suggestions: z.array(mappingSuggestionSchema) }),
    'Drafts a profile for a package and a destination: every unmapped source item with its best destination candidate.',
  ),
  'profile:validate': method(
    z
      .object({
        profile: mappingProfileSchema,
        destinationPath: path('the destination workspace folder'),
        sourceWorkspacePath: z.string().min(1).optional(),
      })
      .strict(),
    z.object({ findings: z.array(profileFindingSchema) }),
    'Checks a profile against the destination workspace; each finding names the key and the DataWorks rule.',
  ),
  'profile:fromYaml': method(
    z.object({ text: z.string(), fileName: z.string().min(1).default('profile.yaml') }).strict(),
    mappingProfileSchema,
    'Parses a profile YAML file’s text; an error names the file, line and key of every problem.',
  ),
  'profile:toYaml': method(
    z
      .object({
        profile: mappingProfileSchema,
        suggestions: z.array(mappingSuggestionSchema).default([]),
        /** The file’s current text: the user’s comments on unchanged parts are kept. */
        previous: z.string().optional(),
      })
      .strict(),
    z.object({ text: z.string() }),
    'Writes a profile as commented YAML (suggested entries marked).',
  ),
  'profile:save': method(
    z.object({ profile: mappingProfileSchema }).strict(),
    profileRecordSchema,
    'Saves a profile in history under its name (replacing the one of that name).',
  ),
  'profile:list': method(empty, z.array(profileRecordSchema), 'Saved profiles, by name.'),
  'profile:get': method(
    z.object({ name: profileName }).strict(),
    z.object({ record: profileRecordSchema, profile: mappingProfileSchema }),
    'One saved profile.',
  ),
  'profile:delete': method(
    z.object({ name: profileName }).strict(),
    z.object({ deleted: z.boolean() }),
    'Deletes a saved profile.',
  ),
} as const;
