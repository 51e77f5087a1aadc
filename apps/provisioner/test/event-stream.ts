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
 * ends or the request's signal aborts it.
 */
export function collectEvents<T>(response: Response, events: ReceivedEvent<T>[]): void {
  const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  void (async () => {
    for (;;) {
      const chunk = await reader?.read().catch(() => undefined);
      if (!chunk || chunk.done) return;
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
