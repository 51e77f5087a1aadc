import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

// A restore extracts the uploads into a staging folder inside the live one (same filesystem, so moving is a
// rename) and swaps them in; the old contents are removed only once the new ones are in place.

/** The staging folder of a restore: inside UPLOADS_DIR, so that moving its contents in is a rename. */
export const stagingDir = (uploadsDir: string, backupId: string) =>
  path.join(uploadsDir, `.restore-${backupId}`);

/** Where the live contents wait while the restored ones move in. */
const asideDir = (uploadsDir: string, backupId: string) => path.join(uploadsDir, `.replaced-${backupId}`);

/** A fresh, empty staging folder (a failed earlier attempt's is removed). */
export async function prepareStaging(uploadsDir: string, backupId: string): Promise<string> {
  const staging = stagingDir(uploadsDir, backupId);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  return staging;
}

/** Moves the restored contents in place of the live ones, then removes the old ones and the staging folder. */
export async function swapIn(uploadsDir: string, backupId: string): Promise<void> {
  const staging = stagingDir(uploadsDir, backupId);
  const aside = asideDir(uploadsDir, backupId);
  await rm(aside, { recursive: true, force: true });
  await mkdir(aside);
  const ours = new Set([path.basename(staging), path.basename(aside)]);
  for (const name of await readdir(uploadsDir)) {
    if (!ours.has(name)) await rename(path.join(uploadsDir, name), path.join(aside, name));
  }
  for (const name of await readdir(staging)) {
    await rename(path.join(staging, name), path.join(uploadsDir, name));
  }
  await rm(staging, { recursive: true, force: true });
  await rm(aside, { recursive: true, force: true });
}

/** Removes a staging folder left by a restore that failed before the swap. */
export const discardStaging = (uploadsDir: string, backupId: string) =>
  rm(stagingDir(uploadsDir, backupId), { recursive: true, force: true });
