import { z } from 'zod';
import { event, method } from './define';
import { jobSchema } from '../model/job';
import { entryPageSchema, openedPackageSchema } from '../model/package-listing';
import { packageRecordSchema } from '../model/history';

const empty = z.object({}).strict();
const jobRef = z.object({ jobId: z.string().min(1) }).strict();

/**
 * THE contract between the UI (or any client) and the backend. Every method and event is declared here once;
 * the IPC registration, the preload bridge, the web routes and the renderer client are all derived from it.
 * Names are `domain:verb`; events are in the past tense.
 */
export const methods = {
  'app:info': method(
    empty,
    z.object({
      version: z.string(),
      mode: z.enum(['desktop', 'web']),
      userDataDir: z.string(),
      canPickFiles: z.boolean(),
      canUpload: z.boolean(),
    }),
    'What this backend is and what it can do.',
  ),
  'package:pick': method(
    empty,
    z.object({ path: z.string().nullable() }),
    'Shows the native open dialog (desktop only); null when the user cancels.',
  ),
  'package:open': method(
    z.object({ path: z.string().min(1, 'Give the path of a package file.') }).strict(),
    jobRef,
    'Starts a job that reads a package and records it in history. Listen to job:updated for progress.',
  ),
  'package:get': method(jobRef, openedPackageSchema, 'The package a finished package:open job read.'),
  'package:entries': method(
    z
      .object({
        jobId: z.string().min(1),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(5000).default(500),
        search: z.string().optional(),
      })
      .strict(),
    entryPageSchema,
    'A page of the entries of an opened package, optionally filtered by a substring of the name.',
  ),
  'job:list': method(empty, z.array(jobSchema), 'Jobs of this session, newest first.'),
  'job:cancel': method(jobRef, z.object({ cancelled: z.boolean() }), 'Asks a running job to stop.'),
  'history:packages': method(
    z.object({ limit: z.number().int().min(1).max(1000).default(100) }).strict(),
    z.array(packageRecordSchema),
    'Packages opened on this machine, newest first.',
  ),
} as const;

export const events = {
  'job:updated': event(jobSchema, 'A job started, progressed (throttled to about 10 a second) or finished.'),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
