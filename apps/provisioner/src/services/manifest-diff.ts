import type { ManifestChange } from '@store-platform/contracts';
import { createTwoFilesPatch } from 'diff';
import { parseAllDocuments, stringify } from 'yaml';

interface RenderedObject {
  kind: string;
  name: string;
  text: string;
}

/** Never shown in a diff: a Secret's values (a preview is for operators, who may not reveal credentials). */
function redacted(object: Record<string, unknown>): Record<string, unknown> {
  if (object.kind !== 'Secret') return object;
  const hide = (data: unknown) =>
    data && typeof data === 'object'
      ? Object.fromEntries(Object.keys(data).map((key) => [key, '(hidden)']))
      : data;
  return { ...object, data: hide(object.data), stringData: hide(object.stringData) };
}

/** The objects of a multi-document manifest by `Kind/name`, each printed the same way whatever its source. */
function objectsOf(manifest: string): Map<string, RenderedObject> {
  const objects = new Map<string, RenderedObject>();
  for (const document of parseAllDocuments(manifest)) {
    const object = document.toJS() as Record<string, unknown> | null;
    if (!object || typeof object !== 'object' || typeof object.kind !== 'string') continue;
    const name = String((object.metadata as { name?: string } | undefined)?.name ?? '');
    // Printed again by one YAML library: helm's template comments and quoting do not show as changes.
    objects.set(`${object.kind}/${name}`, { kind: object.kind, name, text: stringify(redacted(object)) });
  }
  return objects;
}

/**
 * What changes between the objects a release has (`helm get manifest`) and those an upgrade would make: each
 * object added, removed or changed, with a unified diff of its YAML (jsdiff's createTwoFilesPatch,
 * docs/decisions/010-update-preview.md), in kind and name order.
 */
export function manifestChanges(current: string, next: string, context = 3): ManifestChange[] {
  const before = objectsOf(current);
  const after = objectsOf(next);
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  return keys.flatMap((key) => {
    const old = before.get(key);
    const now = after.get(key);
    const object = (now ?? old) as RenderedObject;
    if (old?.text === now?.text) return [];
    const change = !old ? 'added' : !now ? 'removed' : 'changed';
    const diff = createTwoFilesPatch(
      old ? key : '/dev/null',
      now ? key : '/dev/null',
      old?.text ?? '',
      now?.text ?? '',
      'current',
      'after the update',
      { context },
    );
    return [{ kind: object.kind, name: object.name, change, diff }];
  });
}
