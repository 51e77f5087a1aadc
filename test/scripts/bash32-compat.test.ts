/**
 * The scripts a user runs on a laptop (`make up`, `make down`, `make images`, and the tool builds they may fall back
 * to) must run under macOS's /bin/bash 3.2 with BSD tools (STYLE.md habit 9). Checked three ways: the rules of
 * ./bash32-rules.ts over every line; `bash -n` under a real bash 3.2 when STORE_PLATFORM_BASH32 names one (macOS CI
 * sets /bin/bash; on Linux, a bash 3.2 built from GNU's sources), which also runs `up.sh --mode` under it; and
 * ./tools.test.ts and ./up-kind.test.ts, which run the scripts under that bash too.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import { repoRoot } from '@store-platform/test-cluster';
import { afterEach, describe, expect, it } from 'vitest';

import { bash4Findings } from './bash32-rules.js';
import { Sandbox } from './sandbox.js';

const run = promisify(execFile);
const laptopScripts = [
  ...readdirSync(path.join(repoRoot, 'scripts'))
    .filter((name) => name.endsWith('.sh'))
    .map((name) => `scripts/${name}`),
  'tools/build-tools.sh',
];
const bash32 = process.env.STORE_PLATFORM_BASH32;

describe('the laptop scripts use nothing bash 3.2 or BSD tools lack', () => {
  it('covers every script of make up, make down and make images', () => {
    expect(laptopScripts).toEqual(
      expect.arrayContaining(['scripts/up.sh', 'scripts/lib.sh', 'scripts/tools.sh', 'tools/build-tools.sh']),
    );
  });

  it.each(laptopScripts)('%s', (file) => {
    const findings = bash4Findings(readFileSync(path.join(repoRoot, file), 'utf8'));
    expect(findings.map((f) => `${file}:${f.line}: ${f.message}: ${f.text}`)).toEqual([]);
  });

  it('the rules find what bash 3.2 and BSD tools lack, and pass what they have', () => {
    const bad = [
      'shopt -s inherit_errexit',
      'mapfile -t refs < <(ls)',
      'declare -A tools=()',
      'local -n ref=$1',
      'echo "${name,,}"',
      'echo "${name^^}"',
      'echo "${x@Q}"',
      'cmd |& tee log',
      'cmd &>> log',
      'wait -n',
      'if [[ -v NAME ]]; then :; fi',
      'exec {fd}>file',
      'echo "${a[-1]}"',
      'echo "$EPOCHSECONDS"',
      "printf '%(%F)T'",
      'shopt -s globstar',
      "sed -i 's/a/b/' file",
      "sed -n 's/^\\s*x//p'",
      'readlink -f .',
      'echo x | base64 -d',
      "grep -P '\\d'",
      'date -d yesterday',
      'paste -sd\' \' <<<"$x"',
      'stat -c %s file',
      'xargs -r rm',
      "find . -printf '%p'",
      'timeout 5 cmd',
    ];
    for (const line of bad) expect(bash4Findings(line), line).not.toEqual([]);
    const good = [
      '# mapfile in a comment is fine',
      'while read -r line; do :; done <<<"$x"',
      "tr '\\n' ' ' <<<\"$x\"",
      "paste -s -d ' ' - <file",
      "sed -n 's/^[[:space:]]*x//p'",
      'local args=(a b) value',
      'for x in ${a[@]+"${a[@]}"}; do :; done',
      "kubectl get secret s -o go-template='{{.data.password | base64decode}}'",
      'printf \'%s\\n\' "$@"',
      'x=${y%%:*}',
    ];
    for (const line of good) expect(bash4Findings(line), line).toEqual([]);
  });

  it('an array that starts empty is expanded only with the set -u guard', () => {
    expect(bash4Findings('a=()\nfor x in "${a[@]}"; do :; done')).toHaveLength(1);
    expect(bash4Findings('a=()\nfor x in ${a[@]+"${a[@]}"}; do :; done')).toEqual([]);
  });
});

// Defined only where a bash 3.2 exists (macOS's /bin/bash in the workflow's macOS job, or STORE_PLATFORM_BASH32),
// like sandbox.ts's bash 3.2 variants: no registry this project installs from has one for Linux.
if (bash32)
  describe('under a real bash 3.2 (STORE_PLATFORM_BASH32)', () => {
    let sandbox: Sandbox | undefined;
    afterEach(() => sandbox?.remove());

    it('is bash 3.2', async () => {
      const { stdout } = await run(bash32!, ['-c', 'echo "$BASH_VERSION"']);
      expect(stdout).toMatch(/^3\.2\./);
    });

    it.each(laptopScripts)('bash -n %s', async (file) => {
      await run(bash32!, ['-n', path.join(repoRoot, file)]);
    });

    it('up.sh --mode prints the mode and why', async () => {
      sandbox = new Sandbox({ bash: bash32, omit: ['docker', 'kubectl'] });
      const result = await sandbox.run('up.sh', ['--mode']);
      expect(result).toMatchObject({ code: 0, stdout: 'simulated\n' });
      expect(result.stderr).toContain('[up] docker is not installed, and kubectl is not installed');
    });
  });
