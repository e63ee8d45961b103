/**
 * Mapping: profiles (YAML, validation, suggestions), dry-run marking, and the rewrite of a package model for a
 * destination. docs/mapping-profile.md describes the profile file; the plan composes these:
 *
 * ```ts
 * const scan = await scanCodeReferences(model.assets, (id) => reader.read(id), candidateProjects(model, profile));
 * const findings = validateProfile(profile, destination, { source });
 * const mapped = applyMapping(model, profile, { destination, codeScan: scan }); // or startMapping(...).finish(scan)
 * // mapped.unmapped is the gate; mapped.rewriteCode(asset, code) gives each body for diff/hash/write.
 * ```
 */
export { applyMapping, assetMapper, startMapping } from './apply-mapping';
export { candidateProjects } from './mapping-context';
export type {
  AppliedMapping,
  ApplyMappingOptions,
  ExcludedAsset,
  MappedModel,
  MappingKind,
  MappingNotice,
  UnmappedKind,
  UnmappedReference,
} from './apply-mapping';
export { findCodeReferences, mayRewriteCode, scanCodeReferences } from './code-rewrite';
export type { CodeReferences, CodeScan } from './code-rewrite';
export { markDryRun, markNodes, matchesDryRunRule, outputTablesOf, unmarkNodes } from './dry-run';
export type { DryRunMarking, DryRunRuleCount } from './dry-run';
export { importMigrationParams } from './import-migration-params';
export type { ImportMigrationParams } from './import-migration-params';
export { MappingLookup } from './mapping-lookup';
export type { Resolution } from './mapping-lookup';
export { resolveOwner } from './owner-rule';
export { validateProfile } from './profile-validation';
export type { ProfileFinding } from './profile-validation';
export { parseProfileYaml, profileToYaml, readProfileFile, writeProfileFile } from './profile-yaml';
export type { ProfileYamlIssue, ProfileYamlOptions } from './profile-yaml';
export { collectSourceInventory } from './source-inventory';
export type { SourceInventory } from './source-inventory';
export { SUGGESTION_THRESHOLD, suggestProfile } from './suggestions';
export type { SuggestedProfile, SuggestOptions } from './suggestions';
