import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

import { repoRoot } from '@store-platform/test-cluster';

import type { K8sObject, Rendered } from './helm.js';

const run = promisify(execFile);

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: Schema | boolean;
  'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string }[];
}

/** The API of one Kubernetes release: its schemas by name, and which schema each served kind has. */
export interface KubernetesApi {
  version: string;
  definitions: Record<string, Schema>;
  kinds: Map<string, string>;
}

/**
 * The OpenAPI document of a Kubernetes release, from its Go module (`api/openapi-spec/swagger.json` of
 * k8s.io/kubernetes, downloaded once into the Go module cache, like the tools).
 */
export async function kubernetesApi(version: string): Promise<KubernetesApi> {
  const { stdout } = await run('go', ['mod', 'download', '-json', `k8s.io/kubernetes@${version}`], {
    cwd: repoRoot,
    maxBuffer: 8 * 1024 * 1024,
  });
  const { Dir: dir } = JSON.parse(stdout) as { Dir: string };
  const swagger = JSON.parse(
    await readFile(path.join(dir, 'api', 'openapi-spec', 'swagger.json'), 'utf8'),
  ) as { definitions: Record<string, Schema> };
  const kinds = new Map<string, string>();
  for (const [name, schema] of Object.entries(swagger.definitions)) {
    for (const { group, version: v, kind } of schema['x-kubernetes-group-version-kind'] ?? [])
      kinds.set(`${group ? `${group}/` : ''}${v}/${kind}`, name);
  }
  return { version, definitions: swagger.definitions, kinds };
}

/**
 * What in `objects` the release does not know: kinds it does not serve and fields its schemas lack, as
 * `Kind/name.path: reason`. Helm validates objects against the cluster's schema before installing, so each of
 * these fails an install there. Kinds of `customGroups` (CRDs such as cert-manager's) are skipped.
 */
export function unknownTo(api: KubernetesApi, objects: K8sObject[], customGroups: string[] = []): string[] {
  const problems: string[] = [];
  const walk = (value: Rendered, schemaName: string, where: string) => {
    const schema = api.definitions[schemaName];
    // Free-form values (quantities, int-or-string, raw extensions) have no properties to check.
    if (!schema?.properties || value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value as Record<string, Rendered>)) {
      const property = schema.properties[key];
      if (!property) {
        problems.push(`${where}.${key}: not a field of ${schemaName} in Kubernetes ${api.version}`);
        continue;
      }
      const ref = property.$ref ?? property.items?.$ref;
      const mapRef =
        typeof property.additionalProperties === 'object' ? property.additionalProperties.$ref : undefined;
      if (property.type === 'array' && ref)
        (child as Rendered[]).forEach((item, i) =>
          walk(item, ref.replace('#/definitions/', ''), `${where}.${key}[${i}]`),
        );
      else if (mapRef)
        Object.entries(child as Record<string, Rendered>).forEach(([name, item]) =>
          walk(item, mapRef.replace('#/definitions/', ''), `${where}.${key}.${name}`),
        );
      else if (ref) walk(child, ref.replace('#/definitions/', ''), `${where}.${key}`);
    }
  };
  for (const object of objects) {
    if (customGroups.some((group) => object.apiVersion.startsWith(`${group}/`))) continue;
    const where = `${object.kind}/${object.metadata.name}`;
    const schemaName = api.kinds.get(`${object.apiVersion}/${object.kind}`);
    if (schemaName) walk(object, schemaName, where);
    else
      problems.push(
        `${where}: ${object.apiVersion} ${object.kind} is not served by Kubernetes ${api.version}`,
      );
  }
  return problems;
}
