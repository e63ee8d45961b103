import { FerryError } from '../../../shared/errors';
import {
  manifestFormat,
  manifestFormatVersion,
  packageManifestSchema,
  type ManifestFile,
  type ManifestInfo,
  type ManifestSigning,
  type PackageManifest,
} from '../../../shared/model/package-manifest';
import { ferryVersion } from '../../app/version';

const isoOf = (value: Date | string): string => (typeof value === 'string' ? value : value.toISOString());

/** Completes what the exporter said about a package with the files written and the signing parameters. */
export function createManifest(
  info: ManifestInfo,
  files: ManifestFile[],
  signing: ManifestSigning | null,
): PackageManifest {
  return {
    format: manifestFormat,
    formatVersion: manifestFormatVersion,
    ferryVersion: info.ferryVersion ?? ferryVersion,
    createdAt: isoOf(info.createdAt ?? new Date()),
    createdBy: info.createdBy,
    source: {
      projectIdentifier: info.source.projectIdentifier,
      displayName: info.source.displayName,
      region: info.source.region,
    },
    export: {
      type: info.export.type,
      since: info.export.since == null ? null : isoOf(info.export.since),
      selection: info.export.selection == null ? null : [...info.export.selection],
      withDependencies: info.export.withDependencies ?? false,
    },
    counts: Object.fromEntries(
      Object.entries(info.counts ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    ),
    signing,
    files,
  };
}

/**
 * Serialises a manifest deterministically: fields in schema order, two-space indent, one compact line per file
 * (a 40,000-file package stays a readable 4 MB instead of 200,000 lines), final newline. These bytes are what the
 * signature covers; verification never re-serialises.
 */
export function serializeManifest(manifest: PackageManifest): Buffer {
  const { files, ...head } = manifest;
  const ordered = packageManifestSchema.omit({ files: true }).parse(head);
  const top = JSON.stringify(ordered, null, 2);
  const lines = files.map(
    (file) => `    ${JSON.stringify({ path: file.path, size: file.size, sha256: file.sha256 })}`,
  );
  const list = lines.length === 0 ? '[]' : `[\n${lines.join(',\n')}\n  ]`;
  return Buffer.from(`${top.slice(0, -2)},\n  "files": ${list}\n}\n`, 'utf8');
}

/** Parses manifest bytes; anything that is not a valid manifest is `malformed-document` naming the package. */
export function parseManifest(bytes: Buffer, describe: string, entry: string): PackageManifest {
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new FerryError(
      'malformed-document',
      `${describe}: ${entry} is not valid JSON — the package was changed after export`,
    );
  }
  const parsed = packageManifestSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw new FerryError(
      'malformed-document',
      `${describe}: ${entry} is not a Ferry manifest this version understands (${issue.message}${where})`,
    );
  }
  return parsed.data;
}
