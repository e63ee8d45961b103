import type { z } from 'zod';
import { event } from './define';
import { jobSchema } from '../model/job';
import { appMethods } from './methods/app-methods';
import { exportMethods } from './methods/export-methods';
import { historyMethods } from './methods/history-methods';
import { inspectMethods } from './methods/inspect-methods';
import { jobMethods } from './methods/job-methods';
import { packageMethods } from './methods/package-methods';
import { dryrunMethods } from './methods/dryrun-methods';
import { importMethods } from './methods/import-methods';
import { planMethods } from './methods/plan-methods';
import { profileMethods } from './methods/profile-methods';
import { samplesMethods } from './methods/samples-methods';
import { uploadMethods } from './methods/upload-methods';
import { cloudMethods } from './methods/cloud-methods';
import { credentialsMethods } from './methods/credentials-methods';

/**
 * THE contract between the UI (or any client) and the backend. Every method and event is declared once, in
 * the per-domain files under ./methods, and gathered here; the IPC registration, the preload bridge, the web
 * routes and the renderer client are all derived from it. Names are `domain:verb`; events are past tense.
 */
export const methods = {
  ...appMethods,
  ...packageMethods,
  ...jobMethods,
  ...historyMethods,
  ...exportMethods,
  ...inspectMethods,
  ...profileMethods,
  ...dryrunMethods,
  ...planMethods,
  ...importMethods,
  ...samplesMethods,
  ...uploadMethods,
  ...cloudMethods,
  ...credentialsMethods,
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
