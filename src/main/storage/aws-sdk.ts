/* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, see below */
import type * as S3 from '@aws-sdk/client-s3';
import type * as Presigner from '@aws-sdk/s3-request-presigner';

/**
 * The AWS SDK, loaded the first time an upload needs it: loading `@aws-sdk/client-s3` took ~55 ms, which every CLI
 * command (and the app at start) paid before doing anything, uploading or not.
 */
let s3: typeof S3 | undefined;
let presigner: typeof Presigner | undefined;

export function s3Sdk(): typeof S3 {
  return (s3 ??= require('@aws-sdk/client-s3') as typeof S3);
}

export function presignerSdk(): typeof Presigner {
  return (presigner ??= require('@aws-sdk/s3-request-presigner') as typeof Presigner);
}
