import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { StoreAccess } from './store-access.js';

/**
 * A stand-in for the API server of Kubernetes 1.24 to 1.27, which does not serve SelfSubjectReview (404), as the
 * requirements' oldest supported cluster answers: it records the RoleBindings it is asked to create.
 */
let server: Server;
let dir: string;
const bindings: { path: string; body: k8s.V1RoleBinding }[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'store-access-'));
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (request.method === 'POST' && request.url?.endsWith('/rolebindings')) {
        bindings.push({ path: request.url, body: JSON.parse(body) as k8s.V1RoleBinding });
        response.writeHead(201, { 'content-type': 'application/json' }).end(body);
        return;
      }
      const status = { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 };
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify(status));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
});
afterAll(async () => {
  server.close();
  await rm(dir, { recursive: true, force: true });
});

/** A JSON Web Token as the API server issues for a ServiceAccount (only its claims matter here). */
const serviceAccountToken = (sub: string) =>
  ['{"alg":"RS256"}', JSON.stringify({ sub, iss: 'https://kubernetes.default.svc' }), 'signature']
    .map((part, i) => (i < 2 ? Buffer.from(part).toString('base64url') : part))
    .join('.');

function kubeConfig(user: k8s.User): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  const { port } = server.address() as AddressInfo;
  kc.loadFromOptions({
    clusters: [{ name: 'old', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
    users: [user],
    contexts: [{ name: 'old', cluster: 'old', user: user.name }],
    currentContext: 'old',
  });
  return kc;
}

describe('StoreAccess on a cluster without SelfSubjectReview', () => {
  it('binds the store role to the ServiceAccount its in-cluster token names', async () => {
    // As inside a pod: the token is read from the projected file, as client-node's in-cluster config does.
    const tokenFile = path.join(dir, 'token');
    await writeFile(
      tokenFile,
      serviceAccountToken('system:serviceaccount:store-platform:store-platform-provisioner'),
    );
    const access = new StoreAccess(
      kubeConfig({ name: 'pod', authProvider: { name: 'tokenFile', config: { tokenFile } } }),
    );
    await access.grant('store-shop', 'store-platform-store-manager', { 'store-platform.io/store': 'shop' });
    expect(bindings.at(-1)).toEqual({
      path: '/apis/rbac.authorization.k8s.io/v1/namespaces/store-shop/rolebindings',
      body: expect.objectContaining({
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: 'store-platform-store-manager',
        },
        subjects: [
          { kind: 'ServiceAccount', namespace: 'store-platform', name: 'store-platform-provisioner' },
        ],
      }),
    });
  });

  it('says what is missing when its credentials name nobody', async () => {
    const access = new StoreAccess(kubeConfig({ name: 'certificate-user' }));
    await expect(access.grant('store-shop', 'store-platform-store-manager', {})).rejects.toThrow(
      'this Kubernetes version has no SelfSubjectReview (1.28+)',
    );
  });
});
