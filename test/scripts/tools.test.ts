/**
 * scripts/tools.sh: which kind, helm and kubectl `make up` uses on kind and on a kube context. Run against stand-in
 * binaries that report versions, a stand-in curl that serves prepared release files, and a stand-in uname (so the
 * macOS arm64 path runs on Linux). Real downloads cannot run here (no internet): the pinned checksums are checked
 * by the test that refuses a file that does not match them, and the success path with a checksum of a prepared
 * file written into the copy's versions.env.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { repoRoot } from '@store-platform/test-cluster';
import { afterEach, describe, expect, it } from 'vitest';

import { fakeTool, Sandbox, shells } from './sandbox.js';

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('the pins of make up and make tools agree', () => {
  const pins = (file: string) =>
    Object.fromEntries(
      [...readFileSync(path.join(repoRoot, file), 'utf8').matchAll(/^([A-Z0-9_]+)=(\S+)$/gm)].map((m) => [
        m[1],
        m[2],
      ]),
    );
  const scripts = pins('scripts/versions.env');
  const tools = pins('tools/versions.env');

  it('the helm release make up downloads is the version make tools builds', () => {
    expect(scripts.HELM_RELEASE_VERSION).toBe(tools.HELM_VERSION);
  });

  it('the kubectl make up downloads and the one make tools builds are both in its range', () => {
    for (const version of [scripts.KUBECTL_VERSION!, tools.KUBE_VERSION!]) {
      const minor = Number(version.split('.')[1]);
      expect(minor).toBeGreaterThanOrEqual(Number(scripts.KUBECTL_MIN!.split('.')[1]));
      expect(minor).toBeLessThan(Number(scripts.KUBECTL_BELOW!.split('.')[1]));
    }
  });

  it('every release binary of kind, helm and kubectl has a pinned sha256 for linux and darwin, amd64 and arm64', () => {
    for (const tool of ['KIND', 'HELM', 'KUBECTL']) {
      for (const platform of ['LINUX_AMD64', 'LINUX_ARM64', 'DARWIN_AMD64', 'DARWIN_ARM64']) {
        expect(scripts[`${tool}_SHA256_${platform}`], `${tool}_SHA256_${platform}`).toMatch(/^[0-9a-f]{64}$/);
      }
    }
  });
});

describe.each(shells)('make up chooses its tools ($name)', ({ bash }) => {
  let sandbox: Sandbox;
  afterEach(() => sandbox.remove());

  it('uses a kind on PATH whose version is in the range, says which and why, and links it', async () => {
    sandbox = new Sandbox({ bash });
    const kind = sandbox.writeBin('kind', fakeTool('kind', 'v0.33.1'));
    const result = await sandbox.run('tools.sh', ['kind']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `[tools] kind: ${kind} (v0.33.1, on PATH; make up accepts >= v0.33.0 and < v0.34.0)`,
    );
    expect(readlinkSync(path.join(sandbox.repo, '.tools', 'bin', 'kind'))).toBe(kind);
    expect(result.calls.some((call) => call.startsWith('curl'))).toBe(false);
  });

  it('passes over a version outside the range and downloads the pinned release after checking its sha256', async () => {
    sandbox = new Sandbox({ bash });
    sandbox.writeBin('kind', fakeTool('kind', 'v0.31.0'));
    const release = path.join(sandbox.downloads, 'kind-linux-amd64');
    writeFileSync(release, fakeTool('kind', 'v0.33.0'));
    sandbox.pin('KIND_SHA256_LINUX_AMD64', sha256(release));

    const result = await sandbox.run('tools.sh', ['kind']);

    expect(result.code).toBe(0);
    expect(result.stderr).toContain('is v0.31.0, outside >= v0.33.0 and < v0.34.0: not used');
    expect(result.calls).toContain(
      'curl -fL --progress-bar --connect-timeout 20 --retry 2 -o ' +
        `${sandbox.cache}/store-platform/tools/kind-v0.33.0.partial/download ` +
        'https://github.com/kubernetes-sigs/kind/releases/download/v0.33.0/kind-linux-amd64',
    );
    const cached = `${sandbox.cache}/store-platform/tools/kind-v0.33.0/bin/kind`;
    expect(result.stderr).toContain(`[tools] kind: ${cached} (v0.33.0)`);
    expect(readlinkSync(path.join(sandbox.repo, '.tools', 'bin', 'kind'))).toBe(cached);
  });

  it('refuses a download whose sha256 is not the pinned one, keeps nothing of it and builds nothing', async () => {
    sandbox = new Sandbox({ bash, omit: ['kubectl'] });
    writeFileSync(path.join(sandbox.downloads, 'kubectl'), fakeTool('kubectl', 'v1.37.0'));

    const result = await sandbox.run('tools.sh', ['kubectl']);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /error: kubectl: https:\/\/dl\.k8s\.io\/release\/v1\.37\.0\/bin\/linux\/amd64\/kubectl has sha256 [0-9a-f]{64}, but scripts\/versions\.env pins 6129359f4e1f3848a5572ccb0b26cf28b8ca08cef38c95a765b2f64a2c961a2f: not using it/,
    );
    expect(existsSync(`${sandbox.cache}/store-platform/tools/kubectl-v1.37.0`)).toBe(false);
    expect(existsSync(`${sandbox.cache}/store-platform/tools/kubectl-v1.37.0.partial`)).toBe(false);
    expect(result.calls.some((call) => call.startsWith('go '))).toBe(false);
  });

  it('on macOS arm64, passes over Helm 4 and unpacks helm from the darwin-arm64 release archive', async () => {
    sandbox = new Sandbox({ bash });
    sandbox.writeBin('helm', fakeTool('helm', 'v4.1.0'));
    const staging = path.join(sandbox.root, 'staging');
    mkdirSync(path.join(staging, 'darwin-arm64'), { recursive: true });
    writeFileSync(path.join(staging, 'darwin-arm64', 'helm'), fakeTool('helm', 'v3.22.0'), { mode: 0o755 });
    const archive = path.join(sandbox.downloads, 'helm-v3.22.0-darwin-arm64.tar.gz');
    execFileSync('tar', ['-czf', archive, '-C', staging, 'darwin-arm64/helm']);
    sandbox.pin('HELM_SHA256_DARWIN_ARM64', sha256(archive));

    const result = await sandbox.run('tools.sh', ['helm'], { STANDIN_OS: 'Darwin', STANDIN_ARCH: 'arm64' });

    expect(result.code).toBe(0);
    expect(result.stderr).toContain('is v4.1.0, outside >= v3.18.0 and < v4.0.0: not used');
    expect(result.stderr).toContain(
      'helm: downloading v3.22.0 for darwin/arm64 from https://get.helm.sh/helm-v3.22.0-darwin-arm64.tar.gz',
    );
    expect(result.stderr).toContain(
      `helm: ${sandbox.cache}/store-platform/tools/helm-v3.22.0/bin/helm (v3.22.0)`,
    );
  });

  it('STORE_PLATFORM_PINNED_TOOLS=true leaves a compatible kind on PATH aside for the pinned release', async () => {
    sandbox = new Sandbox({ bash });
    const cached = sandbox.writeExecutable(
      'cache/store-platform/tools/kind-v0.33.0/bin/kind',
      fakeTool('kind', 'v0.33.0'),
    );
    const result = await sandbox.run('tools.sh', ['kind'], { STORE_PLATFORM_PINNED_TOOLS: 'true' });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('kind: STORE_PLATFORM_PINNED_TOOLS=true, not looking on PATH');
    expect(result.stderr).toContain(`[tools] kind: ${cached} (v0.33.0, cached)`);
  });

  it('uses the release cached by an earlier run without downloading it again', async () => {
    sandbox = new Sandbox({ bash, omit: ['kubectl'] });
    const cached = sandbox.writeExecutable(
      'cache/store-platform/tools/kubectl-v1.37.0/bin/kubectl',
      fakeTool('kubectl', 'v1.37.0'),
    );
    const result = await sandbox.run('tools.sh', ['kubectl']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`[tools] kubectl: ${cached} (v1.37.0, cached)`);
    expect(result.calls.some((call) => call.startsWith('curl'))).toBe(false);
  });

  it('builds kind from its Go module when the download fails', async () => {
    sandbox = new Sandbox({ bash, omit: ['kind'] });
    const result = await sandbox.run('tools.sh', ['kind']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('kind: the download failed (no internet, or a proxy in the way?)');
    expect(result.stderr).toContain('kind: building v0.33.0 from its Go module (about a minute)');
    expect(result.calls).toContain('go install sigs.k8s.io/kind@v0.33.0');
    expect(result.stderr).toContain(
      `kind: ${sandbox.cache}/store-platform/tools/kind-v0.33.0/bin/kind (v0.33.0)`,
    );
  });

  it('says what to install when no kind is usable, none can be downloaded and Go is missing', async () => {
    sandbox = new Sandbox({ bash, omit: ['go', 'kind'] });
    const result = await sandbox.run('tools.sh', ['kind']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('kind: Go is not installed, so it cannot be built from source either');
    expect(result.stderr).toContain(
      'kind: none usable. Install kind >= v0.33.0 and < v0.34.0 (macOS: brew install kind;',
    );
  });
});
