/** Reads schemathesis's reports (JUnit XML and the NDJSON event log) for the API fuzz. */

const unescape = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#10;/g, '\n')
    .replace(/&amp;/g, '&');

/** Each failing operation of a JUnit report: its name, then what failed with schemathesis's reproduction (curl). */
export function fuzzFailures(junit: string): string[] {
  const failures: string[] = [];
  for (const match of junit.matchAll(/<testcase\b([^>]*?)(?:\/>|>([\s\S]*?)<\/testcase>)/g)) {
    const name = /\bname="([^"]*)"/.exec(match[1] ?? '')?.[1] ?? '?';
    for (const failure of (match[2] ?? '').matchAll(/<(failure|error)\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1>)/g)) {
      const message = /\bmessage="([^"]*)"/.exec(failure[2] ?? '')?.[1] ?? '';
      failures.push(`${unescape(name)}: ${unescape(message)}\n${unescape(failure[3] ?? '')}`.trim());
    }
  }
  return failures;
}

/**
 * From a run's NDJSON event log: how many requests it sent, each 5xx answer (status, request, body), and what the
 * accepted creates (202 to POST /stores) answered as the store's name.
 */
export function fuzzAnswers(ndjson: string): {
  requests: number;
  serverErrors: string[];
  created: unknown[];
} {
  let requests = 0;
  const serverErrors: string[] = [];
  const created: unknown[] = [];
  for (const line of ndjson.split('\n')) {
    if (!line.trim()) continue;
    const event = JSON.parse(line) as { ScenarioFinished?: { recorder?: { interactions?: object } } };
    const interactions = Object.values(event.ScenarioFinished?.recorder?.interactions ?? {}) as Interaction[];
    for (const { request, response } of interactions) {
      requests += 1;
      if (!response) continue;
      const body = Buffer.from(response.content?.$base64 ?? '', 'base64').toString('utf8');
      if (
        request.method === 'POST' &&
        new URL(request.uri).pathname === '/api/v1/stores' &&
        response.status_code === 202
      )
        created.push((JSON.parse(body) as { name?: unknown }).name);
      if (response.status_code >= 500)
        serverErrors.push(`${response.status_code} ${request.method} ${request.uri}: ${body}`);
    }
  }
  return { requests, serverErrors, created };
}

interface Interaction {
  request: { method: string; uri: string };
  response?: { status_code: number; content?: { $base64?: string } };
}
