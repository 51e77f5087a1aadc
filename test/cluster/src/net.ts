import { randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import https from 'node:https';
import net from 'node:net';

import type { KeyPair } from './pki.js';

/** Whether 127.0.0.1:`port` can be listened on now. */
function canListen(port: number): Promise<boolean> {
  const server = net.createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A TCP port on 127.0.0.1 that was free a moment ago, for a process that will listen on it later. Picked at random
 * below the ephemeral range (Linux 32768-60999, macOS 49152-65535): a port the kernel hands out (listen on 0) is
 * also what it gives outgoing connections, and in a busy run one of them (to etcd, PostgreSQL) may take it before
 * a slow starter such as `make up` listens.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const port = 20000 + randomInt(12000);
    if (await canListen(port)) return port;
  }
  throw new Error('no free TCP port on 127.0.0.1 between 20000 and 32000 after 100 tries');
}

/** GET over HTTPS with the cluster CA and a client certificate; resolves with status and body. */
export async function httpsGet(
  url: string,
  tls: { caFile: string; client?: KeyPair },
): Promise<{ status: number; body: string }> {
  const [ca, cert, key] = await Promise.all([
    readFile(tls.caFile),
    tls.client ? readFile(tls.client.cert) : undefined,
    tls.client ? readFile(tls.client.key) : undefined,
  ]);
  return new Promise((resolve, reject) => {
    const request = https.get(url, { ca, cert, key, timeout: 5000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('timeout', () => request.destroy(new Error(`GET ${url} timed out`)));
    request.on('error', reject);
  });
}
