/** The provisioner's server-sent events as tests read them: each event with the time it arrived. */

/** One event of the stream. */
export interface ReceivedEvent<T = Record<string, unknown>> {
  event: string;
  data: T;
  /** Date.now() when it arrived. */
  at: number;
}

/**
 * Reads the events of an open `text/event-stream` response into `events` in the background, until the stream
 * ends or the request's signal aborts it. Resolves with how it stopped: the server ended it, or it was aborted.
 */
export function collectEvents<T>(
  response: Response,
  events: ReceivedEvent<T>[],
): Promise<'ended' | 'aborted'> {
  const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return (async () => {
    for (;;) {
      const chunk = await reader?.read().catch(() => undefined);
      if (!chunk) return 'aborted';
      if (chunk.done) return 'ended';
      buffer += chunk.value;
      const blocks = buffer.split('\n\n');
      buffer = blocks.pop() ?? '';
      for (const block of blocks) {
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) as T, at: Date.now() });
      }
    }
  })();
}

/** An event stream opened by a test: its events as they come, and whether the server has ended it. */
export interface OpenStream {
  status: number;
  /** The JSON body of a refusal (when the stream was not opened). */
  refusal?: { code: string; message: string };
  events: ReceivedEvent[];
  /** Whether the server has ended the stream (a test's abort does not count). */
  hasEnded: () => boolean;
  abort: () => void;
}

/** Opens GET /api/v1/stream with `headers` (a session cookie or a bearer token) and reads it in the background. */
export async function openStream(baseUrl: string, headers: Record<string, string>): Promise<OpenStream> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/v1/stream`, { headers, signal: controller.signal });
  const events: ReceivedEvent[] = [];
  const abort = () => controller.abort();
  if (response.status !== 200) {
    const refusal = (await response.json()) as { code: string; message: string };
    return { status: response.status, refusal, events, hasEnded: () => true, abort };
  }
  let ended = false;
  void collectEvents(response, events).then((how) => (ended = how === 'ended'));
  return { status: response.status, events, hasEnded: () => ended, abort };
}
