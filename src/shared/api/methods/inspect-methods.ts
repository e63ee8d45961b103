import { z } from 'zod';
import { method } from '../define';
import {
  inspectionSummarySchema,
  objectDetailsSchema,
  objectFiltersSchema,
  objectGraphSchema,
  objectPageSchema,
  problemPageSchema,
  problemSeveritySchema,
} from '../../model/inspection';
import { jobRef } from './common';

const jobId = z.string().min(1);
const offset = z.number().int().min(0).default(0);
const limit = z.number().int().min(1).max(5000).default(500);

/** Step 2 of the journey: read a package and show its objects, graph and every problem at once. */
export const inspectMethods = {
  'inspect:start': method(
    z.object({ path: z.string().min(1, 'Give the path of a package file or folder.') }).strict(),
    jobRef,
    'Starts a job that reads a package (SPEC zip or folder, FlowSpec file) and inspects it; follow job:updated.',
  ),
  'inspect:summary': method(
    jobRef,
    inspectionSummarySchema,
    'Counts and problem counts of a finished inspect job.',
  ),
  'inspect:objects': method(
    z.object({ jobId, offset, limit, filters: objectFiltersSchema.default({}) }).strict(),
    objectPageSchema,
    'A page of the inspected objects, filtered by kind, workflow, node type, engine, owner, problem code or text.',
  ),
  'inspect:object': method(
    z.object({ jobId, id: z.string().min(1) }).strict(),
    objectDetailsSchema,
    'One object: fields, neighbours, problems and code (secrets redacted).',
  ),
  'inspect:graph': method(
    z.object({ jobId, id: z.string().min(1), depth: z.number().int().min(0).max(10).default(2) }).strict(),
    objectGraphSchema,
    'The dependency neighbourhood of one object, depth hops upstream and downstream.',
  ),
  'inspect:problems': method(
    z
      .object({
        jobId,
        offset,
        limit,
        severity: problemSeveritySchema.optional(),
        code: z.string().optional(),
      })
      .strict(),
    problemPageSchema,
    'A page of the problems found, optionally of one severity or code.',
  ),
} as const;
