import { parseAllDocuments } from 'yaml';

import { helm, type K8sObject } from './helm.js';

/**
 * The requirements' install commands, exactly as written. They run from the repository root, where values.yaml,
 * values-local.yaml and values-prod.yaml link into helm-charts/store-platform (its README says so).
 */
export const installCommands = {
  local:
    'helm install store-platform ./helm-charts/store-platform -f values.yaml -f values-local.yaml -n store-platform --create-namespace',
  production:
    'helm install store-platform ./helm-charts/store-platform -f values.yaml -f values-prod.yaml -n store-platform --create-namespace',
} as const;

/** `local` or `production`: which of the two commands. */
export type Environment = keyof typeof installCommands;

/** The command's arguments after `helm`; with `template`, the same flags given to `helm template`. */
export function commandArgs(environment: Environment, verb: 'install' | 'template' = 'install'): string[] {
  const [, command, ...flags] = installCommands[environment].split(' ');
  if (command !== 'install') throw new Error(`not an install command: ${installCommands[environment]}`);
  return [verb, ...flags];
}

/** `helm template` with the command's flags (plus `extra`), parsed into objects. */
export async function renderCommand(environment: Environment, extra: string[] = []): Promise<K8sObject[]> {
  const stdout = await helm([...commandArgs(environment, 'template'), ...extra]);
  return parseAllDocuments(stdout)
    .map((doc) => doc.toJS() as K8sObject | null)
    .filter((doc): doc is K8sObject => doc !== null);
}
