import { manifestEntryName, signatureEntryName } from '../../../shared/model/package-manifest';

/** Whether a root-relative entry is Ferry's manifest or its signature (checked separately, not package content). */
export function isManifestEntry(relative: string): boolean {
  return relative === manifestEntryName || relative === signatureEntryName;
}
