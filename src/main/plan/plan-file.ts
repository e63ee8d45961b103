import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FerryError } from '../../shared/errors';
import { PLAN_FORMAT_VERSION, planSchema, type Plan } from '../../shared/model/plan';
import { groupedMappings, type FieldMapping } from './plan-mappings';

/**
 * Reads and writes plan files (`plan.json`). A plan is what the user reviewed; the importer applies exactly it, so a
 * file that does not validate is refused with the first problem's JSON path rather than half-applied.
 */

/**
 * The bytes Ferry writes: two-space JSON with a final newline, except that each object is one line. A plan of
 * 20,000 objects stays greppable object by object and is a quarter smaller than indenting every field.
 */
export function serializePlan(plan: Plan): string {
  return [...serializedPieces(plan)].join('');
}

/** Objects per piece of {@link serializedPieces}. */
const OBJECTS_PER_PIECE = 512;

/**
 * {@link serializePlan}'s text in pieces of a few hundred objects, each made when asked for and encoded on its own
 * when written: encoding one 45 MB string built of 20,000 parts cost a plan half a second (the string is flattened
 * first), and a piece is made while the one before is being written.
 */
function* serializedPieces(plan: Plan): Generator<string> {
  const { objects, ...head } = plan;
  const top = JSON.stringify(head, null, 2);
  yield `${top.slice(0, -2)},\n  "objects": [`;
  for (let start = 0; start < objects.length; start += OBJECTS_PER_PIECE) {
    const lines = objects.slice(start, start + OBJECTS_PER_PIECE).map((o) => `    ${JSON.stringify(o)}`);
    yield `${start === 0 ? '\n' : ',\n'}${lines.join(',\n')}`;
  }
  yield `${objects.length > 0 ? '\n  ' : ''}]\n}\n`;
}

/** Parses and validates plan text; `label` names the file in messages. */
export function parsePlan(text: string, label = 'plan'): Plan {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new FerryError('malformed-document', `${label}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const version = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).formatVersion : undefined;
  if (typeof version === 'number' && version > PLAN_FORMAT_VERSION)
    throw new FerryError('unsupported', `${label}: formatVersion ${version} was written by a newer Ferry; this one reads up to ${PLAN_FORMAT_VERSION}`);
  if (version === 1) upgradeFromVersion1(raw as Record<string, unknown>);
  const parsed = planSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(top)';
    throw new FerryError('malformed-document', `${label}: ${where}: ${issue.message}`, { issues: parsed.error.issues.length });
  }
  if (version !== 1) parsedFrom.set(parsed.data, text); // an upgraded plan is not what its text says
  return parsed.data;
}

/**
 * Version 1 listed an applied mapping once per field (`field`); version 2 groups them (`fields`, see
 * groupedMappings). Upgraded in place, before validation: what is not shaped as version 1 is left for the schema to
 * report.
 */
function upgradeFromVersion1(raw: Record<string, unknown>): void {
  raw.formatVersion = PLAN_FORMAT_VERSION;
  if (!Array.isArray(raw.objects)) return;
  for (const object of raw.objects as unknown[]) {
    const record = object as Record<string, unknown> | null;
    if (typeof record !== 'object' || record === null || !Array.isArray(record.mappingsApplied)) continue;
    const entries = record.mappingsApplied as Record<string, unknown>[];
    if (entries.every((m) => typeof m === 'object' && m !== null && 'field' in m && !('fields' in m)))
      record.mappingsApplied = groupedMappings(entries as unknown as FieldMapping[]);
  }
}

/** The text each plan {@link parsePlan} returned was parsed from (plans are not changed once made). */
const parsedFrom = new WeakMap<Plan, string>();

/**
 * The text `plan` was parsed from, when {@link parsePlan} made it: valid as it is, so an import task stores it
 * rather than validating and serializing its 20,000 objects again. Null for a plan made in memory.
 */
export function parsedPlanText(plan: Plan): string | null {
  return parsedFrom.get(plan) ?? null;
}

/** The part of a plan before its objects, as {@link readPlanHead} reads it. */
export type PlanHead = Omit<Plan, 'objects'>;

/** How much of a plan file {@link readPlanHead} looks at for its head (waves come before the objects). */
const HEAD_LIMIT = 8 << 20;

/**
 * The head of a plan file as Ferry writes it (everything before `"objects"`), parsed without the objects: enough to
 * start work that needs the plan's package, destination, hashes and profile while the whole file is read and
 * validated. Not validated beyond the fields it returns being there: the caller compares them with the validated
 * plan. Null when the file is not laid out as Ferry writes plans (or its head is unusually long).
 */
export async function readPlanHead(file: string): Promise<PlanHead | null> {
  const handle = await fs.open(file, 'r');
  let text: string;
  try {
    const buffer = Buffer.allocUnsafe(HEAD_LIMIT);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_LIMIT, 0);
    text = buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
  const at = text.indexOf(',\n  "objects": [');
  if (at < 0) return null;
  let head: unknown;
  try {
    head = JSON.parse(`${text.slice(0, at).replace(/^\uFEFF/, '')}\n}`);
  } catch {
    return null;
  }
  const h = head as Partial<PlanHead> | null;
  const usable =
    typeof h?.source?.path === 'string' &&
    typeof h.destination?.path === 'string' &&
    typeof h.hashes?.profile === 'string' &&
    typeof h.hashes.package?.value === 'string' &&
    typeof h.profileName === 'string' &&
    (h.executor === null || typeof h.executor === 'string');
  return usable ? (head as PlanHead) : null;
}

/** Reads and validates a plan file. */
export async function readPlanFile(file: string): Promise<Plan> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new FerryError('not-found', `${file}: no such plan file`);
    throw new FerryError('io', `${file}: cannot read (${code ?? String(error)})`);
  }
  return parsePlan(text, path.basename(file));
}

/** A plan without its objects: what {@link writePlanFile} checks. */
const planHeadSchema = planSchema.omit({ objects: true });

/**
 * Checks the plan's head and writes the plan atomically: a temporary file in the same folder, flushed, then renamed
 * over the target, so a crash leaves the old file or the new one, never half of one. The objects are not checked
 * again: they come typed from createPlan or from a file {@link parsePlan} validated, and checking 20,000 of them
 * (zod copies each) cost a plan a quarter of a second. Reading the file back validates it whole.
 */
export async function writePlanFile(file: string, plan: Plan): Promise<void> {
  const { objects, ...head } = plan;
  const checked = planHeadSchema.safeParse(head);
  if (!checked.success) throw new FerryError('bad-request', `Refusing to write an invalid plan: ${checked.error.issues[0].message}`);
  const valid: Plan = { ...checked.data, objects };
  const dir = path.dirname(path.resolve(file));
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(temp, 'wx');
    let writing: Promise<void> | null = null;
    try {
      // Each from where the last one ended (FileHandle.writeFile writes at the current position, to the end); the
      // next piece is made while the last is written.
      for (const piece of serializedPieces(valid)) {
        await writing;
        writing = handle.writeFile(piece, 'utf8');
      }
      await writing;
      await handle.sync();
    } finally {
      await writing?.catch(() => undefined);
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    throw new FerryError('io', `${file}: cannot write the plan (${code ?? String(error)})`);
  }
}
