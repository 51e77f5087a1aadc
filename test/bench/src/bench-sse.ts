import type { BenchApi } from './api.js';
import type { StoreView } from './bench-stores.js';

/** One subscriber of GET /stream and the delays of the `store` events it received. */
export interface Subscriber {
  /** Store name -> statuses seen. */
  seen: Map<string, Set<string>>;
  delaysMs: number[];
  /**
   * Events whose latest timestamp is no newer than the previous event's of the same store: a change that carries
   * no time of its own, or the same store sent again. They are counted, not timed.
   */
  untimed: number;
  close(): void;
}

/**
 * The time a store event's change was recorded: the latest timestamp it carries (the store's updatedAt, its health
 * check's checkedAt, its operation's createdAt/startedAt/finishedAt and every step's startedAt/finishedAt).
 */
export function recordedAt(store: StoreView): number {
  const op = store.operation;
  const stamps = [
    store.updatedAt,
    store.health?.checkedAt,
    op?.createdAt,
    op?.startedAt,
    op?.finishedAt,
    ...(op?.steps ?? []).flatMap((s) => [s.startedAt, s.finishedAt]),
  ];
  return Math.max(...stamps.filter((s): s is string => Boolean(s)).map(Date.parse));
}

/**
 * Opens GET /api/v1/stream with the bench's token and measures, for each `store` event of a store `counts` accepts,
 * receive time minus `recordedAt`. Resolves once the stream answered 200.
 */
export async function subscribe(api: BenchApi, counts: (name: string) => boolean): Promise<Subscriber> {
  const controller = new AbortController();
  const response = await fetch(`${api.url}/api/v1/stream`, {
    headers: { authorization: `Bearer ${api.token}`, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  if (response.status !== 200 || !response.body) throw new Error(`GET /stream: HTTP ${response.status}`);
  const subscriber: Subscriber = {
    seen: new Map(),
    delaysMs: [],
    untimed: 0,
    close: () => controller.abort(),
  };
  const lastRecorded = new Map<string, number>();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      const receivedAt = Date.now();
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = frame.match(/^event: (.*)$/m)?.[1];
        const data = frame.match(/^data: (.*)$/m)?.[1];
        if (event !== 'store' || !data) continue;
        const store = JSON.parse(data) as StoreView;
        if (!counts(store.name)) continue;
        const recorded = recordedAt(store);
        if (recorded > (lastRecorded.get(store.name) ?? 0)) subscriber.delaysMs.push(receivedAt - recorded);
        else subscriber.untimed += 1;
        lastRecorded.set(store.name, Math.max(recorded, lastRecorded.get(store.name) ?? 0));
        const statuses = subscriber.seen.get(store.name) ?? new Set<string>();
        statuses.add(store.status);
        subscriber.seen.set(store.name, statuses);
      }
    }
  })().catch(() => undefined);
  return subscriber;
}

/** `count` subscribers in a worker thread (bench-sse-worker.ts), so their parsing does not delay the main thread. */
export async function subscribeInWorker(api: BenchApi, count: number, watched: string[]) {
  const { Worker } = await import('node:worker_threads');
  // A worker thread does not inherit tsx's loader: it loads the TypeScript file through tsx's API.
  const file = new URL('./bench-sse-worker.ts', import.meta.url).href;
  const code = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(file)}, ${JSON.stringify(import.meta.url)}))`;
  const worker = new Worker(code, {
    eval: true,
    workerData: { url: api.url, token: api.token, count, watched },
  });
  const next = (type: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const onMessage = (message: Record<string, unknown>) => {
        if (message.type !== type) return;
        worker.off('message', onMessage);
        worker.off('error', reject);
        resolve(message);
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
  await next('ready');
  return {
    /** Whether every subscriber has seen every watched store Running. */
    async allRunning(): Promise<boolean> {
      const reply = next('checked');
      worker.postMessage('check');
      return (await reply).done === true;
    },
    async stop(): Promise<{ delaysMs: number[]; untimed: number }> {
      const reply = next('stopped');
      worker.postMessage('stop');
      const { delaysMs, untimed } = (await reply) as unknown as { delaysMs: number[]; untimed: number };
      await worker.terminate();
      return { delaysMs, untimed };
    },
  };
}
