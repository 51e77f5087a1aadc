import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of this repository, found from this file's location. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The binaries the control plane needs; `make tools` links them into .tools/bin. */
export const toolNames = [
  'etcd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kubectl',
  'kwok',
  'helm',
] as const;
export type ToolName = (typeof toolNames)[number];

/** Directory holding the pinned tool binaries (overridable for a cache elsewhere). */
export function toolsBinDir(): string {
  return process.env.STORE_PLATFORM_TOOLS_BIN ?? path.join(repoRoot, '.tools', 'bin');
}

/** Absolute paths of every tool, or an error naming the missing ones and the command that builds them. */
export async function resolveTools(): Promise<Record<ToolName, string>> {
  const dir = toolsBinDir();
  const found = {} as Record<ToolName, string>;
  const missing: string[] = [];
  for (const name of toolNames) {
    const file = path.join(dir, name);
    try {
      await access(file, constants.X_OK);
      found[name] = file;
    } catch {
      missing.push(name);
    }
  }
  if (missing.length > 0) {
    throw new Error(`missing tools in ${dir}: ${missing.join(', ')}. Run \`make tools\` first.`);
  }
  return found;
}
