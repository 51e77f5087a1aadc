import { readFile, writeFile } from 'node:fs/promises';

import { unschedulableDatabaseValues } from './provisioner-process.js';

/**
 * unschedulableDatabaseValues, for the standard plan instead of basic: a standard store's database pod no node can
 * schedule, while the basic plan (the smaller one a failure offers) stays as the chart has it and can run.
 */
export async function unschedulableOnStandard(name: string): Promise<string> {
  const file = await unschedulableDatabaseValues(name);
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.replace(/^ {2}basic:$/m, '  standard:'));
  return file;
}
