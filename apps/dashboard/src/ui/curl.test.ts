import { execFileSync } from 'node:child_process';

import { describe, expect, it } from 'vitest';

import { curlCommand, shellQuote } from './curl.js';

/** What a POSIX shell makes of `words`: each word it splits them into, one a line (printf, no curl run). */
const shellWords = (words: string) =>
  execFileSync('sh', ['-c', `printf '%s\\n' ${words}`], {
    encoding: 'utf8',
    env: { STORE_PLATFORM_TOKEN: 'tok' },
  });

describe('curlCommand', () => {
  it('creates with the method, the API address, the token from the environment and the JSON body', () => {
    const command = curlCommand(
      { method: 'POST', path: '/stores', body: { name: 'demo-shop', engine: 'woocommerce', plan: 'basic' } },
      'https://platform.example',
    );
    expect(command).toBe(
      [
        `curl -X POST 'https://platform.example/api/v1/stores' \\`,
        `  -H "Authorization: Bearer $STORE_PLATFORM_TOKEN" \\`,
        `  -H 'Content-Type: application/json' \\`,
        `  --data '{"name":"demo-shop","engine":"woocommerce","plan":"basic"}'`,
      ].join('\n'),
    );
  });

  it('sends extra headers such as If-Match, and no body when there is none', () => {
    const command = curlCommand(
      { method: 'DELETE', path: '/stores/acme-shop', headers: { 'If-Match': '"7"' } },
      'http://localhost:8080',
    );
    expect(command).toContain(`-H 'If-Match: "7"'`);
    expect(command).not.toContain('--data');
    expect(command.startsWith(`curl -X DELETE 'http://localhost:8080/api/v1/stores/acme-shop'`)).toBe(true);
  });

  it('quotes a body so that the shell passes it unchanged: quotes, $, backticks and newlines', () => {
    const body = { note: `it's $HOME \`id\` "x"\nnext`, back: '\\' };
    const command = curlCommand({ method: 'POST', path: '/x', body }, 'http://h');
    const data = command.split('--data ')[1] ?? '';
    expect(shellWords(data)).toBe(`${JSON.stringify(body)}\n`);
    // The token is expanded by the shell, from the environment only.
    expect(shellWords(`"Authorization: Bearer $STORE_PLATFORM_TOKEN"`)).toBe('Authorization: Bearer tok\n');
  });
});

describe('shellQuote', () => {
  it.each([[''], ["'"], ["a'b'c"], ['$(rm -rf /)'], ['two words']])('keeps %j one word as it is', (value) => {
    expect(shellWords(shellQuote(value))).toBe(`${value}\n`);
  });
});
