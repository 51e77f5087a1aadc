import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { repoRoot } from '@store-platform/test-cluster';

const run = promisify(execFile);

/** How a provisioner process is started: `node {args}` in `cwd`. */
export interface ProvisionerEntry {
  cwd: string;
  args: string[];
  /** What runs, for the results: "compiled (as the image)" or "tsx (TypeScript at run time)". */
  kind: string;
}

/** The provisioner as tests and `make up` run it: TypeScript transpiled at run time by tsx. */
export const tsxEntry: ProvisionerEntry = {
  cwd: path.join(repoRoot, 'apps', 'provisioner'),
  args: ['--import', 'tsx', 'src/main.ts'],
  kind: 'tsx (TypeScript transpiled at run time)',
};

/**
 * Compiles the provisioner as images/provisioner/Dockerfile does (the contracts and mcp packages and the provisioner
 * with their tsconfig.build.json, the packages pointed at their dist/), into a temp dir whose node_modules links
 * to the repository's: the process then runs `node dist/main.js` as the image does, so its memory and CPU are
 * the production build's, without tsx and its transpile cache (a worker peaked 53 MB lower compiled, over the same 20 creates).
 */
export async function buildProvisioner(
  log: (message: string) => void = () => undefined,
): Promise<ProvisionerEntry> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'store-platform-bench-build-'));
  // The workspace packages the provisioner imports, in build order (mcp imports contracts).
  const packages = ['contracts', 'mcp'].map((name) => ({ name, dir: path.join(dir, 'packages', name) }));
  const provisioner = path.join(dir, 'apps', 'provisioner');
  const images = path.join(repoRoot, 'images', 'provisioner');
  await mkdir(provisioner, { recursive: true });
  await cp(path.join(repoRoot, 'tsconfig.base.json'), path.join(dir, 'tsconfig.base.json'));
  for (const item of ['src', 'migrations', 'package.json'])
    await cp(path.join(repoRoot, 'apps', 'provisioner', item), path.join(provisioner, item), {
      recursive: true,
    });
  await cp(path.join(images, 'tsconfig.provisioner.json'), path.join(provisioner, 'tsconfig.build.json'));
  // The repository's dependencies, but the workspace packages are this build's, compiled.
  const modules = path.join(dir, 'node_modules');
  await mkdir(path.join(modules, '@store-platform'), { recursive: true });
  for (const entry of await readdir(path.join(repoRoot, 'node_modules'))) {
    if (entry !== '@store-platform')
      await symlink(path.join(repoRoot, 'node_modules', entry), path.join(modules, entry));
  }
  for (const pkg of packages) {
    await mkdir(pkg.dir, { recursive: true });
    for (const item of ['src', 'package.json'])
      await cp(path.join(repoRoot, 'packages', pkg.name, item), path.join(pkg.dir, item), {
        recursive: true,
      });
    await cp(path.join(images, 'tsconfig.package.json'), path.join(pkg.dir, 'tsconfig.build.json'));
    await symlink(pkg.dir, path.join(modules, '@store-platform', pkg.name));
    const manifestFile = path.join(pkg.dir, 'package.json');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as Record<string, unknown>;
    await writeFile(
      manifestFile,
      JSON.stringify({ ...manifest, exports: { '.': './dist/index.js' } }, null, 2),
    );
  }
  const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  log(`compiling the provisioner as the image does (in ${dir})`);
  for (const project of [...packages.map((p) => p.dir), provisioner])
    await run(process.execPath, [tsc, '-p', path.join(project, 'tsconfig.build.json')], { cwd: dir });
  return {
    cwd: provisioner,
    args: ['dist/main.js'],
    kind: 'compiled with tsc, as in the image (node dist/main.js)',
  };
}
