/**
 * A copy of the repository's scripts, tool pins and charts in a temporary folder, with stand-in commands first on
 * PATH (docker, kind, helm, kubectl, curl, uname, go, make, npm) that log every call: the scripts of `make up` run
 * as written, without Docker, a network or a cluster, and a test reads what they did and said. The stand-ins pass
 * `helm template` to the real, pinned helm, so the images come from the real charts.
 */
import { execFile } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  constants,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { repoRoot } from '@store-platform/test-cluster';

/**
 * The shells the scripts are run with: bash from PATH, and a bash 3.2 (macOS's /bin/bash) when
 * STORE_PLATFORM_BASH32 names one. Nested `bash script.sh` calls use the same one (a `bash` stand-in on PATH).
 */
export const shells: { name: string; bash: string | undefined }[] = [
  { name: 'bash', bash: undefined },
  ...(process.env.STORE_PLATFORM_BASH32
    ? [{ name: 'bash 3.2', bash: process.env.STORE_PLATFORM_BASH32 }]
    : []),
];

/** What a script run did: its exit code and output, and the stand-ins' log (one line per call). */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  calls: string[];
}

/** Stand-in commands: each logs "name args..." and answers from these scripts (sh, with $STANDIN_* knobs). */
const standins: Record<string, string> = {
  docker: `case "$1" in
  info) echo 29.0.0 ;;
esac`,
  kind: `case "$1" in
  version) echo "kind \${STANDIN_KIND_VERSION:-v0.33.0} go1.26.0 linux/amd64" ;;
  get) if [ "$2" = nodes ]; then echo store-platform-control-plane; fi ;;
esac`,
  helm: `case "$1" in
  template) exec "$REAL_HELM" "$@" ;;
  version) echo "\${STANDIN_HELM_VERSION:-v3.22.0}+g144ca65" ;;
  show)
    if [ -n "\${STANDIN_HELM_UNPUBLISHED:-}" ] && [ "$3" = "$STANDIN_HELM_UNPUBLISHED" ]; then
      echo "Error: chart \\"$3\\" version \\"$7\\" not found in $5 repository" >&2
      exit 1
    fi
    echo "name: $3" ;;
esac`,
  kubectl: `case "$*" in
  "version --client"*) echo "Client Version: \${STANDIN_KUBECTL_VERSION:-v1.37.0}" ;;
  *"get secret"*) printf s3cret ;;
  "get namespaces -o name") printf 'namespace/kube-system\\nnamespace/store-platform\\nnamespace/store-shop\\n' ;;
  *"get pods -o name") echo "pod/\${2}-pod" ;;
  *restartCount*) echo "0 \${STANDIN_RESTARTS:-0}" ;;
  *logs*) echo "log of $*" ;;
esac`,
  // Downloads: -o FILE URL is served from $STANDIN_DOWNLOADS/<file name of URL>, else "could not resolve host".
  // Without --resolve, the dashboard's name resolves unless $STANDIN_DNS_EXIT says otherwise.
  curl: `out='' url=''
while [ $# -gt 0 ]; do
  case "$1" in
    -o) [ "$2" = /dev/null ] || out=$2; shift ;;
    --resolve) resolve=1 ;;
    http*) url=$1 ;;
  esac
  shift
done
if [ -n "$out" ]; then
  file="\${STANDIN_DOWNLOADS:-/nonexistent}/\${url##*/}"
  [ -f "$file" ] || exit 6
  cp "$file" "$out"
elif [ -n "\${resolve:-}" ]; then
  printf 200
else
  exit "\${STANDIN_DNS_EXIT:-0}"
fi`,
  uname: `case "$1" in
  -s) echo "\${STANDIN_OS:-Linux}" ;;
  -m) echo "\${STANDIN_ARCH:-x86_64}" ;;
esac`,
  // go install sigs.k8s.io/kind@V writes a kind that reports V into $GOBIN.
  go: `if [ "$1" = install ]; then
  mkdir -p "$GOBIN"
  printf '#!/bin/sh\\necho "kind %s go1.26.0"\\n' "\${2##*@}" >"$GOBIN/kind"
  chmod +x "$GOBIN/kind"
fi`,
  make: '',
  npm: '',
};

/** The system utilities the scripts call besides the stand-ins (bash is the real one unless a stand-in). */
const utilities = [
  'bash',
  'sh',
  'sed',
  'awk',
  'tr',
  'head',
  'tail',
  'sort',
  'cat',
  'cp',
  'mv',
  'rm',
  'mkdir',
  'chmod',
  'ln',
  'tar',
  'gzip',
  'sha256sum',
  'shasum',
  'dirname',
  'basename',
  'grep',
  'cut',
  'wc',
  'date',
  'sleep',
  'env',
  'mktemp',
  'readlink',
  'ls',
  'touch',
];

/** The first NAME on this process's PATH, or undefined. */
function which(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const file = path.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch (error) {
      // Not in this folder; anything else is a fault of the test.
      if (!['ENOENT', 'EACCES', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    }
  }
  return undefined;
}

/** A stand-in binary that reports VERSION the way TOOL does (for PATH, the cache or a download). */
export function fakeTool(tool: 'kind' | 'helm' | 'kubectl', version: string): string {
  const answer = {
    kind: `kind ${version} go1.26.0 linux/amd64`,
    helm: `${version}+gabcdef0`,
    kubectl: `Client Version: ${version}`,
  }[tool];
  return `#!/bin/sh\necho "${tool}-binary $*" >>"$STANDIN_LOG"\necho "${answer}"\n`;
}

export class Sandbox {
  readonly root = mkdtempSync(path.join(os.tmpdir(), 'store-platform-scripts-'));
  readonly repo = path.join(this.root, 'repo');
  readonly bin = path.join(this.root, 'standins');
  /** $XDG_CACHE_HOME of the run: the tools cache is ${cache}/store-platform/tools. */
  readonly cache = path.join(this.root, 'cache');
  readonly downloads = path.join(this.root, 'downloads');
  readonly log = path.join(this.root, 'calls.log');
  /** Links to the system's basic utilities only: /usr/bin may hold a kubectl or helm that would be chosen. */
  readonly system = path.join(this.root, 'system');
  private readonly bash: string | undefined;

  constructor(options: { bash?: string; omit?: string[] } = {}) {
    this.bash = options.bash;
    for (const dir of ['scripts', 'helm-charts']) {
      cpSync(path.join(repoRoot, dir), path.join(this.repo, dir), {
        recursive: true,
        verbatimSymlinks: true,
      });
    }
    mkdirSync(path.join(this.repo, 'tools'), { recursive: true });
    for (const file of ['versions.env', 'build-tools.sh']) {
      cpSync(path.join(repoRoot, 'tools', file), path.join(this.repo, 'tools', file));
    }
    for (const name of readdirSync(path.join(repoRoot, 'images'))) {
      mkdirSync(path.join(this.repo, 'images', name), { recursive: true });
      writeFileSync(path.join(this.repo, 'images', name, 'Dockerfile'), 'FROM scratch\n');
    }
    mkdirSync(this.bin, { recursive: true });
    mkdirSync(this.downloads, { recursive: true });
    writeFileSync(this.log, '');
    for (const [name, body] of Object.entries(standins)) {
      if (options.omit?.includes(name)) continue;
      this.writeBin(name, `#!/bin/sh\necho "${name} $*" >>"$STANDIN_LOG"\n${body}\n`);
    }
    if (this.bash) this.writeBin('bash', `#!/bin/sh\nexec "${this.bash}" "$@"\n`);
    mkdirSync(this.system, { recursive: true });
    for (const name of utilities) {
      const found = which(name);
      if (found) symlinkSync(found, path.join(this.system, name));
    }
  }

  /** Writes an executable into the stand-ins' folder (first on PATH). */
  writeBin(name: string, content: string): string {
    const file = path.join(this.bin, name);
    writeFileSync(file, content);
    chmodSync(file, 0o755);
    return file;
  }

  /** Writes an executable at a path under the sandbox's root (a cache entry, another PATH folder...). */
  writeExecutable(relative: string, content: string): string {
    const file = path.join(this.root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    chmodSync(file, 0o755);
    return file;
  }

  /** Replaces NAME=... in the copy's scripts/versions.env. */
  pin(name: string, value: string): void {
    const file = path.join(this.repo, 'scripts', 'versions.env');
    const text = readFileSync(file, 'utf8');
    if (!new RegExp(`^${name}=`, 'm').test(text)) throw new Error(`versions.env has no ${name}`);
    writeFileSync(file, text.replace(new RegExp(`^${name}=.*$`, 'm'), `${name}=${value}`));
  }

  /** Runs scripts/NAME ARGS... with the stand-ins first on PATH, then the basic utilities only. */
  run(
    script: string,
    args: string[],
    env: Record<string, string> = {},
    extraPath: string[] = [],
  ): Promise<Run> {
    const shell = this.bash ?? 'bash';
    const base = { ...process.env };
    for (const name of [
      'STORE_PLATFORM_UP',
      'MEDUSA_ENABLED',
      'KUBECONFIG',
      'STORE_PLATFORM_IMAGE_REGISTRY',
    ]) {
      delete base[name];
    }
    const fullEnv = {
      ...base,
      PATH: [this.bin, ...extraPath, this.system].join(':'),
      HOME: this.root,
      XDG_CACHE_HOME: this.cache,
      STANDIN_LOG: this.log,
      STANDIN_DOWNLOADS: this.downloads,
      REAL_HELM: path.join(repoRoot, '.tools', 'bin', 'helm'),
      ...env,
    };
    writeFileSync(this.log, '');
    return new Promise((resolve) => {
      execFile(
        shell,
        [path.join(this.repo, 'scripts', script), ...args],
        { env: fullEnv, cwd: this.root, timeout: 60_000 },
        (error, stdout, stderr) => {
          const calls = readFileSync(this.log, 'utf8').split('\n').filter(Boolean);
          const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
          resolve({ code, stdout, stderr, calls });
        },
      );
    });
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** The index of the first call that starts with PREFIX; -1 if none. */
export function callIndex(calls: string[], prefix: string): number {
  return calls.findIndex((call) => call.startsWith(prefix));
}
