/**
 * A subscriber of GET /api/v1/stream that behaves as the dashboard's EventSource does: it reads the events as
 * they come and, when the stream ends or breaks, opens it again after a second (the EventSource default retry is
 * a few seconds; https://html.spec.whatwg.org/multipage/server-sent-events.html#reestablish-the-connection). The
 * provisioner sends no event ids, so there is no Last-Event-ID to send back: what a gap loses, `resync` says.
 */
import { setTimeout as delay } from 'node:timers/promises';

/** One event as received, with Date.now() at its arrival. */
export interface StreamEvent {
  event: string;
  data: { name?: string; status?: string; [key: string]: unknown };
  at: number;
}

export interface ChaosSubscriber {
  events: StreamEvent[];
  /** How many times the stream was opened (1 when it never broke). */
  connections(): number;
  close(): void;
}

const retryMs = 1000;

/** Opens the stream with `token` and keeps it open until `close`. */
export function subscribe(url: string, token: string): ChaosSubscriber {
  const events: StreamEvent[] = [];
  const controller = new AbortController();
  let connections = 0;
  const readOnce = async () => {
    const response = await fetch(`${url}/api/v1/stream`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    if (response.status !== 200 || !response.body) return;
    connections += 1;
    let buffer = '';
    for await (const chunk of response.body.pipeThrough(new TextDecoderStream())) {
      buffer += chunk;
      const blocks = buffer.split('\n\n');
      buffer = blocks.pop() ?? '';
      for (const block of blocks) {
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data)
          events.push({ event, data: JSON.parse(data) as StreamEvent['data'], at: Date.now() });
      }
    }
  };
  void (async () => {
    while (!controller.signal.aborted) {
      await readOnce().catch(() => undefined);
      if (!controller.signal.aborted) await delay(retryMs);
    }
  })();
  return { events, connections: () => connections, close: () => controller.abort() };
}
