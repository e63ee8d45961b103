import { z } from 'zod';
import { method } from '../define';
import { entryPageSchema, openedPackageSchema } from '../../model/package-listing';
import { empty, jobRef } from './common';

export const packageMethods = {
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
  'package:unlock': method(
    z
      .object({
        path: z.string().min(1, 'Give the path of a package file or folder.'),
        passphrase: z.string().min(1, 'Give the passphrase shared with the source.'),
      })
      .strict(),
    z.object({ path: z.string() }),
    "Checks a signed package's signature with the passphrase shared with the source and keeps the passphrase in memory for this session, so every later read of the package (inspect, suggestions, plan) checks it. Refused, and not kept, when it does not match.",
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
} as const;
