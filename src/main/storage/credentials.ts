import { promises as fs } from 'node:fs';
import { FerryError } from '../../shared/errors';
import type { UploadCredentialSource } from '../../shared/model/upload';
import type { CredentialVault } from '../electron/credential-vault';

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

/** The description history keeps instead of the key: `env`, `file:<path>` or `vault:<name>`. */
export function describeCredentialSource(source: UploadCredentialSource): string {
  if (source.source === 'env') return 'env';
  return source.source === 'file' ? `file:${source.path}` : `vault:${source.name}`;
}

/** The inverse of {@link describeCredentialSource}. */
export function parseCredentialSource(text: string): UploadCredentialSource {
  if (text.startsWith('file:')) return { source: 'file', path: text.slice(5) };
  if (text.startsWith('vault:')) return { source: 'vault', name: text.slice(6) };
  return { source: 'env' };
}

/** `…abcd`: the last 4 characters of an access key id, the most Ferry shows or keeps of it. */
export function accessKeyHint(accessKeyId: string): string {
  return `…${accessKeyId.slice(-4)}`;
}

/**
 * Reads an access key from the environment, a profile file the user pointed at, or the desktop app's
 * keychain-encrypted vault (absent in the CLI and web mode, where a `vault` source is refused).
 */
export async function resolveAccessKey(
  source: UploadCredentialSource,
  env: NodeJS.ProcessEnv = process.env,
  vault?: CredentialVault | null,
): Promise<AccessKey> {
  if (source.source === 'env') return accessKeyFromEnv(env);
  if (source.source === 'file') return readCredentialFile(source.path);
  return readSavedAccessKey(requireVault(vault), source.name);
}

/** Why saved credentials cannot be used here; null when they can. */
export function vaultUnavailableReason(vault: CredentialVault | null | undefined): string | null {
  if (!vault)
    return 'Saved credentials live in the desktop app, encrypted with the OS keychain; the CLI and web mode have no keychain. Use environment variables or a credentials file.';
  if (!vault.isAvailable())
    return 'This system offers no keychain to encrypt credentials with (on Linux: no Secret Service or KWallet running), so Ferry will not store them. Use environment variables or a credentials file.';
  return null;
}

function requireVault(vault: CredentialVault | null | undefined): CredentialVault {
  const reason = vaultUnavailableReason(vault);
  if (reason || !vault) throw new FerryError('unsupported', reason ?? 'No credential vault.');
  return vault;
}

/** Saved access keys are vault entries `access-key:<name>` holding `{"accessKeyId", "accessKeySecret"}`, encrypted. */
const vaultPrefix = 'access-key:';

/** A saved access key as lists show it: its name and the id's last 4 characters, never the secret. */
export interface SavedAccessKey {
  name: string;
  accessKeyHint: string | null;
}

/** Encrypts and stores an access key pair under a name (replacing one of that name). */
export async function saveAccessKey(vault: CredentialVault | null | undefined, name: string, key: AccessKey): Promise<SavedAccessKey> {
  const id = key.accessKeyId.trim();
  const secret = key.secretAccessKey.trim();
  if (!id || !secret) throw new FerryError('bad-request', 'Give both the access key id and the secret.');
  await requireVault(vault).set(`${vaultPrefix}${name}`, JSON.stringify({ accessKeyId: id, accessKeySecret: secret }));
  return { name, accessKeyHint: accessKeyHint(id) };
}

/** The saved access keys, by name, with the id's hint (read by decrypting each entry in this process). */
export async function listSavedAccessKeys(vault: CredentialVault | null | undefined): Promise<SavedAccessKey[]> {
  const store = requireVault(vault);
  const saved: SavedAccessKey[] = [];
  for (const entry of await store.names()) {
    if (!entry.startsWith(vaultPrefix)) continue;
    const name = entry.slice(vaultPrefix.length);
    let hint: string | null = null;
    try {
      hint = accessKeyHint((await readSavedAccessKey(store, name)).accessKeyId);
    } catch {
      // Undecryptable (another user's keychain, a reset keychain): still listed, so it can be deleted.
    }
    saved.push({ name, accessKeyHint: hint });
  }
  return saved;
}

export async function deleteSavedAccessKey(vault: CredentialVault | null | undefined, name: string): Promise<boolean> {
  return requireVault(vault).delete(`${vaultPrefix}${name}`);
}

async function readSavedAccessKey(vault: CredentialVault, name: string): Promise<AccessKey> {
  const text = await vault.get(`${vaultPrefix}${name}`);
  if (text === null) throw new FerryError('not-found', `No saved credentials named "${name}" (save them on the Upload step first).`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    doc = null;
  }
  const { accessKeyId, accessKeySecret } = (doc ?? {}) as { accessKeyId?: unknown; accessKeySecret?: unknown };
  if (typeof accessKeyId !== 'string' || typeof accessKeySecret !== 'string' || !accessKeyId || !accessKeySecret)
    // Never echo the text: it is a secret.
    throw new FerryError('malformed-document', `The saved credentials "${name}" are damaged; delete them and save them again.`);
  return { accessKeyId, secretAccessKey: accessKeySecret };
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
