/**
 * The Dockerfiles under images/, checked without Docker (none on the development machines): pinned bases,
 * a non-root user, sources that exist in the build context, and agreement with the charts that run them
 * (image names, users, ports, the chart path) and with the pinned helm. The images that `make up` builds
 * come from scripts/images.sh, which reads them from the rendered charts.
 */
import { execFile } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import { repoRoot } from '@store-platform/test-cluster';
import { describe, expect, it } from 'vitest';

import { find, renderWith, type Rendered } from '../charts/helm.js';
import {
  contextSources,
  destination,
  dockerignore,
  readDockerfile,
  substitute,
  type Dockerfile,
} from './dockerfile.js';

const run = promisify(execFile);
const names = readdirSync(path.join(repoRoot, 'images')).filter((name) =>
  existsSync(path.join(repoRoot, 'images', name, 'Dockerfile')),
);
const dockerfile = (name: string) => readDockerfile(path.join(repoRoot, 'images', name, 'Dockerfile'));
const finalStage = (file: Dockerfile) => file.stages.at(-1)!;
const lastArgs = (file: Dockerfile, keyword: string) =>
  finalStage(file)
    .body.filter((i) => i.keyword === keyword)
    .at(-1)?.args;

/** `bash scripts/images.sh list`: what `make up` and `make images` build, with which context. */
async function builtImages(): Promise<{ image: string; dockerfile: string; context: string }[]> {
  const { stdout } = await run('bash', [path.join(repoRoot, 'scripts', 'images.sh'), 'list']);
  return stdout
    .trim()
    .split('\n')
    .map((line) => {
      const [image = '', file = '', context = ''] = line.split(' ');
      return { image, dockerfile: file, context };
    });
}

/** The images built from the repository root (npm workspaces), as scripts/lib.sh platform_images builds them. */
const workspaceImages = ['provisioner', 'dashboard', 'store-backup'];

/**
 * Build context of an image: as scripts/images.sh builds it, else the repository root for a workspace image (the
 * backup Jobs' image is listed only when the platform chart sets BACKUP_IMAGE), else its own folder.
 */
const contextOf = (name: string, built: { dockerfile: string; context: string }[]) =>
  built.find((b) => b.dockerfile === `images/${name}/Dockerfile`)?.context ??
  (workspaceImages.includes(name) ? '.' : `images/${name}`);

describe('Dockerfiles under images/', () => {
  it('finds the platform and store images', () => {
    expect(names).toEqual(expect.arrayContaining(['provisioner', 'dashboard', 'woocommerce', 'medusa']));
  });

  it.each(names)('%s: every base image is pinned by a tag other than latest', (name) => {
    const file = dockerfile(name);
    const stageNames = new Set<string>();
    for (const stage of file.stages) {
      const from = substitute(stage.from, file.globalArgs);
      if (!stageNames.has(from)) {
        expect(from, `FROM ${stage.from}`).not.toContain('$');
        const lastPart = from.split('/').at(-1) ?? '';
        const tag = lastPart.split('@')[0]?.split(':')[1];
        expect(tag, `FROM ${from} has no tag`).toMatch(/^[\w][\w.-]*$/);
        expect(tag).not.toBe('latest');
      }
      if (stage.name) stageNames.add(stage.name);
    }
  });

  it.each(names)('%s: runs as a numeric non-root user', (name) => {
    const user = lastArgs(dockerfile(name), 'USER');
    expect(user, 'no USER in the final stage').toBeDefined();
    const uid = Number(user?.split(':')[0]);
    // Numeric, so that Kubernetes' runAsNonRoot can verify it without reading /etc/passwd.
    expect(Number.isInteger(uid) && uid > 0, `USER ${user}`).toBe(true);
  });

  it.each(names)(
    '%s: copies only files that exist in its build context and are not ignored',
    async (name) => {
      const context = path.join(repoRoot, contextOf(name, await builtImages()));
      const ignoreFile = path.join(context, '.dockerignore');
      const ignored = existsSync(ignoreFile) ? dockerignore(readFileSync(ignoreFile, 'utf8')) : () => false;
      const sources = dockerfile(name)
        .stages.flatMap((s) => s.body)
        .filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD')
        .flatMap(contextSources);
      for (const source of sources) {
        expect(existsSync(path.join(context, source)), `${source} in ${context}`).toBe(true);
        if (source !== '.') expect(ignored(source), `${source} is in .dockerignore`).toBe(false);
      }
    },
  );
});

describe('images built from the repository root (npm workspaces)', () => {
  const workspaces = (
    JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { workspaces: string[] }
  ).workspaces
    .flatMap((pattern) =>
      pattern.endsWith('/*')
        ? readdirSync(path.join(repoRoot, pattern.slice(0, -2))).map((d) => `${pattern.slice(0, -1)}${d}`)
        : [pattern],
    )
    .filter((dir) => existsSync(path.join(repoRoot, dir, 'package.json')));

  it.each(workspaceImages)(
    '%s: every stage that runs npm ci has every workspace’s package.json (npm ci checks them all)',
    (name) => {
      const stages = dockerfile(name).stages.filter((s) =>
        s.body.some((i) => i.keyword === 'RUN' && i.args.includes('npm ci')),
      );
      expect(stages.length).toBeGreaterThan(0);
      for (const stage of stages) {
        const copied = stage.body.filter((i) => i.keyword === 'COPY').flatMap(contextSources);
        for (const workspace of workspaces) expect(copied).toContain(`${workspace}/package.json`);
      }
    },
  );
});

describe('the images agree with the charts that run them', () => {
  const local = () =>
    renderWith(
      'store-platform',
      ['-f', path.join(repoRoot, 'helm-charts', 'store-platform', 'values-local.yaml')],
      { release: 'store-platform', namespace: 'store-platform' },
    );
  const podOf = async (component: string) =>
    find(await local(), 'Deployment', `store-platform-${component}`).spec.template.spec as Rendered;

  it('builds store-platform/provisioner, dashboard and woocommerce at the tags the charts pull', async () => {
    const built = await builtImages();
    expect(built.map((b) => b.image.split(':')[0])).toEqual(
      expect.arrayContaining([
        'store-platform/provisioner',
        'store-platform/dashboard',
        'store-platform/woocommerce',
      ]),
    );
    for (const { image, dockerfile: file } of built) {
      const title = readFileSync(path.join(repoRoot, file), 'utf8').match(
        /org\.opencontainers\.image\.title="([^"]+)"/,
      )?.[1];
      expect(title, `${file} title label`).toBe(image.split(':')[0]);
    }
  });

  it.each([
    ['provisioner', 'provisioner'],
    ['dashboard', 'dashboard'],
  ])('%s: the chart runs it as the image’s user, on the port it exposes', async (name, component) => {
    const pod = await podOf(component);
    const container = pod.containers[0] as Rendered;
    const file = dockerfile(name);
    const uid = Number(lastArgs(file, 'USER')?.split(':')[0]);
    expect(container.securityContext?.runAsUser ?? pod.securityContext?.runAsUser).toBe(uid);
    expect(container.ports.map((p: Rendered) => String(p.containerPort))).toContain(lastArgs(file, 'EXPOSE'));
    expect(container.image).toBe(
      readFileSync(path.join(repoRoot, 'images', name, 'Dockerfile'), 'utf8').match(/ -t (\S+) /)?.[1],
    );
  });

  it('provisioner: the chart’s STORE_CHART is where the image puts the store chart, with its library beside it', async () => {
    const container = (await podOf('provisioner')).containers[0] as Rendered;
    const storeChart = (container.env as { name: string; value?: string }[]).find(
      (e) => e.name === 'STORE_CHART',
    )?.value;
    expect(storeChart, 'STORE_CHART in the provisioner Deployment').toBeDefined();
    const file = dockerfile('provisioner');
    const workdir = lastArgs(file, 'WORKDIR') ?? '/';
    const copies: Record<string, string | undefined> = Object.fromEntries(
      finalStage(file)
        .body.filter((i) => i.keyword === 'COPY' && contextSources(i).length === 1)
        .map((i) => [path.posix.resolve(workdir, destination(i)), contextSources(i)[0]]),
    );
    expect(copies[storeChart ?? '']).toBe('helm-charts/store-instance');
    // charts/store-engine is a relative symlink: its target must be copied too, at the same relative place.
    const link = path.join(repoRoot, 'helm-charts', 'store-instance', 'charts', 'store-engine');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    const target = path.posix.join(`${storeChart}/charts`, readlinkSync(link));
    expect(copies[target]).toBe(
      path.relative(repoRoot, path.resolve(path.dirname(link), readlinkSync(link))),
    );
  });

  it('provisioner: helm is the pinned version the tests run (tools/versions.env)', () => {
    const pins = Object.fromEntries(
      readFileSync(path.join(repoRoot, 'tools', 'versions.env'), 'utf8')
        .split('\n')
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => line.split('=', 2) as [string, string]),
    );
    const args = dockerfile('provisioner').globalArgs;
    expect(args.HELM_VERSION).toBe(pins.HELM_VERSION);
    expect(args.KUBE_MINOR).toBe(pins.KUBE_VERSION?.split('.')[1]);
  });
});
