/**
 * What an output string nothing in the package produces stands for, by the DataWorks conventions
 * (package-formats.md 1.4): `<project>_root` is a project's root, `<project>.<name>` a node output of a project,
 * anything else (a bare node id, a free name) names nothing we can place.
 */
export type UnresolvedOutput =
  | { kind: 'own-root' }
  | { kind: 'other-root'; project: string }
  | { kind: 'other-project'; project: string }
  | { kind: 'own-project' }
  | { kind: 'unknown' };

/** DataWorks project identifiers: letters, digits and underscores, starting with a letter. */
const projectOutput = /^([A-Za-z][A-Za-z0-9_]*)\.(.+)$/;
const rootOutput = /^([A-Za-z][A-Za-z0-9_]*)_root$/;

/** Classifies an unresolved output string against the package's own project identifier (null when unknown). */
export function classifyUnresolvedOutput(output: string, ownProject: string | null): UnresolvedOutput {
  const root = rootOutput.exec(output);
  if (root) return root[1] === ownProject ? { kind: 'own-root' } : { kind: 'other-root', project: root[1] };
  const qualified = projectOutput.exec(output);
  if (qualified) {
    return qualified[1] === ownProject
      ? { kind: 'own-project' }
      : { kind: 'other-project', project: qualified[1] };
  }
  return { kind: 'unknown' };
}
