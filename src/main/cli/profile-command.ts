import { FerryError } from '../../shared/errors';
import { plural, readProfileArg, writeOutput } from './job-progress';
import type { CommandContext } from './run-cli';
import { parseCommandArgs } from './run-cli';
import { passphraseOption, unlockWhenGiven } from './passphrase-option';

const usage = `Usage: ferry profile <command>
  suggest <package> --dest <workspace> [--source <workspace>] [--name N] [--passphrase-env VAR] [-o profile.yaml]
                                       Draft a profile: every source item with its best destination candidate
  validate <profile.yaml> --dest <workspace> [--source <workspace>] [--json]
                                       Check a profile against the destination; exit 1 on errors
  save <profile.yaml>                  Keep a profile in history (under its name)
  list [--json]                        Profiles kept in history
  export <name> -o <file.yaml>         Write a profile kept in history as YAML`;

/** `ferry profile suggest|validate|save|list|export`: mapping profiles through the profile:* API. */
export async function profileCommand(ctx: CommandContext): Promise<number> {
  const [sub, ...args] = ctx.args;
  const { client, io } = ctx;
  switch (sub) {
    case 'suggest': {
      const { values, positionals } = parseCommandArgs(args, {
        dest: { type: 'string' },
        source: { type: 'string' },
        name: { type: 'string' },
        output: { type: 'string', short: 'o' },
        ...passphraseOption,
      });
      if (positionals.length !== 1 || !values.dest) throw new FerryError('bad-request', usage);
      await unlockWhenGiven(client, positionals[0], values['passphrase-env']);
      const { profile, suggestions } = await client.call('profile:suggest', {
        packagePath: positionals[0],
        destinationPath: values.dest,
        sourceWorkspacePath: values.source,
        name: values.name,
      });
      const { text } = await client.call('profile:toYaml', { profile, suggestions });
      await writeOutput(io, values.output, text);
      const open = suggestions.filter((s) => s.target === null);
      io.stderr.write(
        `${values.output ? `Wrote ${values.output}: ` : ''}${plural(suggestions.length, 'suggestion')}, ${open.length} needing a decision${open.length ? ` (${open.map((s) => `${s.section} ${s.source}`).join(', ')})` : ''}\n`,
      );
      return 0;
    }
    case 'validate': {
      const { values, positionals } = parseCommandArgs(args, {
        dest: { type: 'string' },
        source: { type: 'string' },
        json: { type: 'boolean', default: false },
      });
      if (positionals.length !== 1 || !values.dest) throw new FerryError('bad-request', usage);
      const profile = await readProfileArg(client, positionals[0]);
      const { findings } = await client.call('profile:validate', {
        profile,
        destinationPath: values.dest,
        sourceWorkspacePath: values.source,
      });
      const errors = findings.filter((f) => f.severity === 'error').length;
      if (values.json) io.stdout.write(`${JSON.stringify({ profile: profile.name, findings }, null, 2)}\n`);
      else {
        for (const f of findings) io.stdout.write(`${f.severity} ${f.code}: ${f.message} (${f.rule})\n`);
        io.stdout.write(`${positionals[0]}: ${plural(errors, 'error')}, ${plural(findings.length - errors, 'warning')}\n`);
      }
      return errors > 0 ? 1 : 0;
    }
    case 'save': {
      const { positionals } = parseCommandArgs(args, {});
      if (positionals.length !== 1) throw new FerryError('bad-request', usage);
      const record = await client.call('profile:save', { profile: await readProfileArg(client, positionals[0]) });
      io.stdout.write(`Saved profile ${record.name} (${record.sourceProject} -> ${record.destinationProject})\n`);
      return 0;
    }
    case 'list': {
      const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean', default: false } });
      if (positionals.length !== 0) throw new FerryError('bad-request', usage);
      const records = await client.call('profile:list', {});
      if (values.json) io.stdout.write(`${JSON.stringify(records, null, 2)}\n`);
      else if (records.length === 0) io.stdout.write('No saved profiles (ferry profile save <profile.yaml>).\n');
      else for (const r of records) io.stdout.write(`${r.name}\t${r.sourceProject} -> ${r.destinationProject}\t${r.updatedAt}\n`);
      return 0;
    }
    case 'export': {
      const { values, positionals } = parseCommandArgs(args, { output: { type: 'string', short: 'o' } });
      if (positionals.length !== 1) throw new FerryError('bad-request', usage);
      const { profile } = await client.call('profile:get', { name: positionals[0] });
      const { text } = await client.call('profile:toYaml', { profile });
      await writeOutput(io, values.output, text);
      if (values.output) io.stderr.write(`Wrote ${values.output}\n`);
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.stdout.write(`${usage}\n`);
      return sub === undefined ? 2 : 0;
    default:
      throw new FerryError('bad-request', `Unknown profile command '${sub}'.\n${usage}`);
  }
}
