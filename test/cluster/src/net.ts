import { readFile } from 'node:fs/promises';
import https from 'node:https';
import net from 'node:net';

import type { KeyPair } from './pki.js';

/** A TCP port on 127.0.0.1 that was free a moment ago (the kernel picks it). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
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
