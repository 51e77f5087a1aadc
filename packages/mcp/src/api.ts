/** One HTTP call to the platform's API (path under /api/v1), as the caller: the MCP server's only way in. */
export type ApiCall = (
  method: string,
  path: string,
  options?: {
    body?: unknown;
    headers?: Record<string, string>;
    query?: Record<string, string | number | undefined>;
  },
) => Promise<{ status: number; body: unknown; etag?: string | null }>;

/** The API's refusal, with its status and its sentence: a tool's error result says it as is. */
export class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Calls the API and returns the body of a 2xx answer; any other answer rejects with the API's own words. */
export async function ok(
  call: ApiCall,
  ...args: Parameters<ApiCall>
): Promise<{ body: unknown; etag?: string | null }> {
  const answer = await call(...args);
  if (answer.status >= 200 && answer.status < 300) return answer;
  const message = (answer.body as { message?: unknown } | undefined)?.message;
  throw new ApiRefusal(
    answer.status,
    `${args[0]} ${args[1]} was refused (HTTP ${answer.status}): ${typeof message === 'string' ? message : 'no reason given'}`,
  );
}

/** The store's version from its ETag (`"3"`), for the If-Match of a change. */
export const versionOf = (etag: string | null | undefined): number =>
  Number(/"(\d+)"/.exec(etag ?? '')?.[1] ?? NaN);
