import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A certificate and its key, as file paths. */
export interface KeyPair {
  cert: string;
  key: string;
}

/** Every credential the control plane uses, all issued by one throwaway CA. */
export interface ClusterPki {
  ca: KeyPair;
  apiserver: KeyPair;
  admin: KeyPair;
  controllerManager: KeyPair;
  scheduler: KeyPair;
  kwok: KeyPair;
  /** Serving certificate for 127.0.0.1, used by the controller-manager, scheduler and kwok health endpoints. */
  localServing: KeyPair;
  /** Key pair that signs and verifies service-account tokens. */
  serviceAccount: { privateKey: string; publicKey: string };
}

// OpenSSL reads its system config unless told otherwise; an empty one keeps default extensions (such as
// CA:TRUE on every `req -x509` certificate) out of the leaf certificates.
const minimalConfig = '[req]\ndistinguished_name = dn\n[dn]\n';

async function openssl(args: string[]): Promise<void> {
  try {
    await run('openssl', args);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`openssl ${args[0]} failed: ${stderr.trim() || String(error)}`, { cause: error });
  }
}

/** One P-256 key and certificate: self-signed when no issuer is given (the CA), else signed by `issuer`. */
async function certificate(
  config: string,
  pair: KeyPair,
  spec: { subject: string; days: number; extensions: string[]; issuer?: KeyPair },
): Promise<KeyPair> {
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', pair.key];
  const signer = spec.issuer ? ['-CA', spec.issuer.cert, '-CAkey', spec.issuer.key] : [];
  const extensions = spec.extensions.flatMap((extension) => ['-addext', extension]);
  const validity = ['-days', String(spec.days), '-subj', spec.subject];
  await openssl([
    'req',
    '-config',
    config,
    '-x509',
    '-new',
    ...key,
    '-out',
    pair.cert,
    ...validity,
    ...signer,
    ...extensions,
  ]);
  return pair;
}

/** Creates the CA, serving and client certificates and the service-account key in `dir`. */
export async function createPki(dir: string): Promise<ClusterPki> {
  const config = path.join(dir, 'openssl.cnf');
  await writeFile(config, minimalConfig);
  const pairIn = (name: string): KeyPair => ({
    cert: path.join(dir, `${name}.crt`),
    key: path.join(dir, `${name}.key`),
  });

  const ca = await certificate(config, pairIn('ca'), {
    subject: '/CN=store-platform-local-ca',
    days: 3650,
    extensions: ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign'],
  });
  const issue = (name: string, subject: string, usage: string, altNames?: string) =>
    certificate(config, pairIn(name), {
      subject,
      days: 365,
      issuer: ca,
      extensions: [
        'basicConstraints=critical,CA:FALSE',
        'keyUsage=critical,digitalSignature',
        usage,
        ...(altNames ? [`subjectAltName=${altNames}`] : []),
      ],
    });
  const client = 'extendedKeyUsage=clientAuth';

  // The built-in RBAC roles bind these user names (system:kube-controller-manager, system:kube-scheduler);
  // system:masters is the group that bypasses authorization, as kubeadm gives its admin.
  const [apiserver, admin, controllerManager, scheduler, kwok, localServing] = await Promise.all([
    issue(
      'apiserver',
      '/CN=kube-apiserver',
      'extendedKeyUsage=serverAuth',
      'IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local',
    ),
    issue('admin', '/O=system:masters/CN=store-platform-admin', client),
    issue('controller-manager', '/CN=system:kube-controller-manager', client),
    issue('scheduler', '/CN=system:kube-scheduler', client),
    issue('kwok', '/O=system:masters/CN=kwok-controller', client),
    issue('local-serving', '/CN=localhost', 'extendedKeyUsage=serverAuth', 'IP:127.0.0.1,DNS:localhost'),
  ]);

  const serviceAccount = { privateKey: path.join(dir, 'sa.key'), publicKey: path.join(dir, 'sa.pub') };
  await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', serviceAccount.privateKey]);
  await openssl(['ec', '-in', serviceAccount.privateKey, '-pubout', '-out', serviceAccount.publicKey]);

  return { ca, apiserver, admin, controllerManager, scheduler, kwok, localServing, serviceAccount };
}
