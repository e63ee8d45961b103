import { FerryError } from '../../../shared/errors';
import { mappingProfileSchema } from '../../../shared/model/mapping-profile';
import { openCodeReader, readPackage } from '../../formats/read-package';
import { candidateProjects } from '../../mapping/mapping-context';
import { scanCodeReferences } from '../../mapping/code-rewrite';
import { validateProfile } from '../../mapping/profile-validation';
import { parseProfileYaml, profileToYaml } from '../../mapping/profile-yaml';
import { suggestProfile } from '../../mapping/suggestions';
import { hashProfile } from '../../plan/plan-hash';
import { readWorkspaceConfig } from '../../workspace/workspace-config';
import type { Handlers } from '../dispatcher';
import type { HandlerDeps } from './handler-deps';
import { checkDestination, sourceConfigOf } from './plan-session';

type ProfileMethod =
  | 'profile:suggest'
  | 'profile:validate'
  | 'profile:fromYaml'
  | 'profile:toYaml'
  | 'profile:save'
  | 'profile:list'
  | 'profile:get'
  | 'profile:delete';

/** The Map step: draft a profile from a package and a destination, check it, move it to and from YAML, keep it. */
export function profileHandlers({ profiles }: HandlerDeps): Pick<Handlers, ProfileMethod> {
  return {
    'profile:suggest': async ({ packagePath, destinationPath, sourceWorkspacePath, existing, name }) => {
      await checkDestination(destinationPath);
      const [model, destination, source] = await Promise.all([
        readPackage(packagePath),
        readWorkspaceConfig(destinationPath),
        sourceConfigOf(packagePath, sourceWorkspacePath),
      ]);
      // The code scan is the only way to see data sources and resource groups named only inside DI jobs.
      const reader = await openCodeReader(model);
      let codeScan;
      try {
        codeScan = await scanCodeReferences(model.assets, (id) => reader.read(id), candidateProjects(model, existing));
      } finally {
        await reader.close();
      }
      const { profile, suggestions } = suggestProfile(model, source, destination, { codeScan, existing, name });
      return { profile, suggestions };
    },
    'profile:validate': async ({ profile, destinationPath, sourceWorkspacePath }) => {
      await checkDestination(destinationPath);
      const destination = await readWorkspaceConfig(destinationPath);
      const source = sourceWorkspacePath ? await sourceConfigOf(sourceWorkspacePath, sourceWorkspacePath) : null;
      return { findings: validateProfile(profile, destination, { source }) };
    },
    'profile:fromYaml': ({ text, fileName }) => Promise.resolve(parseProfileYaml(text, fileName)),
    'profile:toYaml': ({ profile, suggestions, previous }) =>
      Promise.resolve({ text: profileToYaml(profile, { suggestions, previous }) }),
    'profile:save': ({ profile }) =>
      profiles.save({
        name: profile.name,
        description: profile.description ?? null,
        sourceProject: profile.sourceProject,
        destinationProject: profile.destinationProject,
        json: JSON.stringify(profile),
        hash: hashProfile(profile),
        at: new Date().toISOString(),
      }),
    'profile:list': () => profiles.list(),
    'profile:get': async ({ name }) => {
      const found = await profiles.get(name);
      if (!found) throw new FerryError('not-found', `No saved profile named ${name}.`);
      return { record: found.record, profile: mappingProfileSchema.parse(JSON.parse(found.json)) };
    },
    'profile:delete': async ({ name }) => ({ deleted: await profiles.delete(name) }),
  };
}
