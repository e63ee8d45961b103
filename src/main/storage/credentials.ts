import { promises as fs } from 'node:fs';
import { FerryError } from '../../shared/errors';
import type { UploadCredentialSource } from '../../shared/model/upload';

/** An OSS/S3 access key. Lives only in memory of the main process; handed straight to the S3 client. */
export interface AccessKey {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

const envPairs: [string, string, string?][] = [
  ['FERRY_OSS_ACCESS_KEY_ID', 'FERRY_OSS_ACCESS_KEY_SECRET', 'FERRY_OSS_SECURITY_TOKEN'],
  ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_SECURITY_TOKEN'],
];

/** Names accepted in a profile file (JSON keys or `name = value` lines), per field; compared case-insensitively. */
const idNames = ['accesskeyid', 'access_key_id', 'aws_access_key_id', 'ak', 'ferry_oss_access_key_id', 'alibaba_cloud_access_key_id'];
const secretNames = [
  'accesskeysecret',
  'access_key_secret',
  'secretaccesskey',
  'secret_access_key',
  'aws_secret_access_key',
  'sk',
  'ferry_oss_access_key_secret',
  'alibaba_cloud_access_key_secret',
];
const tokenNames = ['securitytoken', 'security_token', 'sessiontoken', 'session_token', 'aws_session_token', 'sts_token'];

/** The description history keeps instead of the key: `env` or `file:<path>`. */
export function describeCredentialSource(source: UploadCredentialSource): string {
  return source.source === 'env' ? 'env' : `file:${source.path}`;
}

/** The inverse of {@link describeCredentialSource}. */
export function parseCredentialSource(text: string): UploadCredentialSource {
  return text.startsWith('file:') ? { source: 'file', path: text.slice(5) } : { source: 'env' };
}

/** `…abcd`: the last 4 characters of an access key id, the most Ferry shows or keeps of it. */
export function accessKeyHint(accessKeyId: string): string {
  return `…${accessKeyId.slice(-4)}`;
}

/** Reads an access key from the environment or a profile file the user pointed at. */
export async function resolveAccessKey(source: UploadCredentialSource, env: NodeJS.ProcessEnv = process.env): Promise<AccessKey> {
  if (source.source === 'env') return accessKeyFromEnv(env);
  return readCredentialFile(source.path);
}

export function accessKeyFromEnv(env: NodeJS.ProcessEnv): AccessKey {
  for (const [idName, secretName, tokenName] of envPairs) {
    const id = env[idName]?.trim();
    const secret = env[secretName]?.trim();
    if (id && secret) {
      const token = tokenName ? env[tokenName]?.trim() : undefined;
      return { accessKeyId: id, secretAccessKey: secret, ...(token ? { sessionToken: token } : {}) };
    }
    if (id || secret)
      throw new FerryError('bad-request', `Set both ${idName} and ${secretName} (only ${id ? idName : secretName} is set).`);
  }
  throw new FerryError(
    'bad-request',
    'No OSS access key: set FERRY_OSS_ACCESS_KEY_ID and FERRY_OSS_ACCESS_KEY_SECRET (or ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET), or give a credentials file.',
  );
}

/**
 * A profile file: JSON (`{"accessKeyId": ..., "accessKeySecret": ...}`, also the aws/aliyun spellings) or INI-like
 * `name = value` lines (sections and comments ignored, the first of each name wins). On POSIX a file others can read
 * is refused: a key that anyone on the machine can read is already leaked.
 */
export async function readCredentialFile(file: string, platform: NodeJS.Platform = process.platform): Promise<AccessKey> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FerryError(code === 'ENOENT' ? 'not-found' : 'io', `${file}: ${code === 'ENOENT' ? 'no such credentials file' : `cannot read (${code})`}`);
  }
  if (!stat.isFile()) throw new FerryError('not-a-file', `${file}: the credentials file is not a file.`);
  if (platform !== 'win32' && (stat.mode & 0o007) !== 0) {
    throw new FerryError(
      'unsupported',
      `${file}: other users can read this credentials file (mode ${(stat.mode & 0o777).toString(8)}); run chmod 600 ${file} first.`,
    );
  }
  const text = await fs.readFile(file, 'utf8');
  const fields = parseCredentialText(text);
  const pick = (names: string[]) => names.map((n) => fields.get(n)).find((v) => v !== undefined && v !== '');
  const id = pick(idNames);
  const secret = pick(secretNames);
  if (!id || !secret)
    throw new FerryError('malformed-document', `${file}: no access key id and secret found (expected accessKeyId and accessKeySecret).`);
  const token = pick(tokenNames);
  return { accessKeyId: id, secretAccessKey: secret, ...(token ? { sessionToken: token } : {}) };
}

function parseCredentialText(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  const put = (name: string, value: unknown) => {
    const key = name.trim().toLowerCase();
    if (typeof value === 'string' && !fields.has(key)) fields.set(key, value.trim());
  };
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let doc: unknown;
    try {
      doc = JSON.parse(trimmed);
    } catch {
      // Never echo the text: it is a secret.
      throw new FerryError('malformed-document', 'The credentials file looks like JSON but does not parse.');
    }
    if (doc && typeof doc === 'object') for (const [k, v] of Object.entries(doc)) put(k, v);
    return fields;
  }
  for (const line of text.split(/\r?\n/)) {
    const l = line.trim();
    if (!l || l.startsWith('#') || l.startsWith(';') || l.startsWith('[')) continue;
    const eq = l.search(/[=:]/);
    if (eq <= 0) continue;
    put(l.slice(0, eq), l.slice(eq + 1).replace(/^\s*["']?|["']?\s*$/g, ''));
  }
  return fields;
}

/**
 * Removes an access key from text that may echo it (server error bodies, SDK messages, stack traces): the secret and
 * session token become `[redacted]`, the id its {@link accessKeyHint}.
 */
export function redactSecrets(text: string, key: Partial<AccessKey> | null | undefined): string {
  if (!key) return text;
  let out = text;
  for (const secret of [key.secretAccessKey, key.sessionToken]) if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  if (key.accessKeyId && key.accessKeyId.length >= 4) {
    out = out.split(key.accessKeyId).join(accessKeyHint(key.accessKeyId));
    // Signed URLs carry the id URL-encoded.
    const encoded = encodeURIComponent(key.accessKeyId);
    if (encoded !== key.accessKeyId) out = out.split(encoded).join(accessKeyHint(key.accessKeyId));
  }
  return out;
}
