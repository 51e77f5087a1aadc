import { writeFile } from 'node:fs/promises';

import type { KeyPair } from './pki.js';

/** Writes a kubeconfig for one client certificate. JSON is valid kubeconfig (YAML is a superset of it). */
export async function writeKubeconfig(
  file: string,
  options: { server: string; caFile: string; user: string; credentials: KeyPair },
): Promise<void> {
  const name = 'store-platform-local';
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server: options.server, 'certificate-authority': options.caFile } }],
    users: [
      {
        name: options.user,
        user: { 'client-certificate': options.credentials.cert, 'client-key': options.credentials.key },
      },
    ],
    contexts: [{ name, context: { cluster: name, user: options.user, namespace: 'default' } }],
    'current-context': name,
  };
  await writeFile(file, JSON.stringify(config, null, 2), { mode: 0o600 });
}
