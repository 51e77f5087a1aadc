/**
 * For component tests only (the app never imports it): complete API objects built from the contract schemas, and
 * a fake API behind `api()` and the event stream whose replies are typed by those schemas. A test states only
 * what it cares about, and cannot hand a screen a shape the API would not send, so it needs no casts.
 */
import {
  operationSchema,
  revisionSchema,
  stepSchema,
  storeHealthSchema,
  storeSchema,
  updatePreviewSchema,
  type ErrorBody,
  type HealthReason,
  type OperationView,
  type RevisionView,
  type StepView,
  type StoreHealth,
  type StoreView,
  type UpdatePreview,
} from '@store-platform/contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { vi } from 'vitest';
import type { z } from 'zod';

const at = '2026-01-01T10:00:00.000Z';

/** A step of an operation; pending unless told otherwise. */
export function aStep(overrides: Partial<StepView> & Pick<StepView, 'name' | 'title'>): StepView {
  return stepSchema.parse({
    status: 'pending',
    message: null,
    startedAt: null,
    finishedAt: null,
    ...overrides,
  });
}

/** A create operation that succeeded, by admin. */
export function anOperation(overrides: Partial<OperationView> = {}): OperationView {
  return operationSchema.parse({
    id: '00000000-0000-4000-8000-000000000001',
    store: 'corner-shop',
    kind: 'create',
    phase: 'succeeded',
    steps: [],
    error: null,
    startedBy: 'admin',
    createdAt: at,
    startedAt: at,
    finishedAt: at,
    ...overrides,
  });
}

/** A running WooCommerce store on the basic plan, with its addresses derived from its name. */
export function aStore(overrides: Partial<StoreView> & Pick<StoreView, 'name'>): StoreView {
  const { name } = overrides;
  return storeSchema.parse({
    engine: 'woocommerce',
    plan: 'basic',
    settings: {},
    health: null,
    status: 'running',
    reason: null,
    version: 1,
    namespace: `store-${name}`,
    urls: { storefront: `https://${name}.example.test`, admin: `https://${name}.example.test/wp-admin` },
    createdBy: 'admin',
    createdAt: at,
    updatedAt: at,
    operation: null,
    ...overrides,
  });
}

/** A store's observed health, checked at 10:00 on 2026-01-01; healthy with no reasons unless told otherwise. */
export function aHealth(state: StoreHealth['state'] = 'healthy', reasons: HealthReason[] = []): StoreHealth {
  return storeHealthSchema.parse({ state, reasons, checkedAt: at });
}

/** A revision of a store's release, deployed by admin at install, unless told otherwise. */
export function aRevision(overrides: Partial<RevisionView> & Pick<RevisionView, 'revision'>): RevisionView {
  return revisionSchema.parse({
    updatedAt: at,
    status: 'deployed',
    chartVersion: '0.1.0',
    appVersion: '6.8',
    description: 'Install complete',
    actor: 'admin',
    changes: null,
    ...overrides,
  });
}

/** A preview of an update from version 1 that changes nothing, unless told otherwise. */
export function aPreview(overrides: Partial<UpdatePreview> = {}): UpdatePreview {
  return updatePreviewSchema.parse({ version: 1, values: [], manifests: [], notes: [], ...overrides });
}

interface Reply {
  status: number;
  text: string;
  contentType: string;
}

/** A request the page made: method, path under /api/v1 (with its query), headers and JSON body. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/** The API as a component test sees it: replies per endpoint, the requests made, and the event stream. */
export class FakeApi {
  private readonly replies = new Map<string, Reply>();
  private readonly streams: FakeEventSource[] = [];
  private readonly held = new Map<string, Promise<void>>();
  /** Every request, in order. */
  readonly requests: SeenRequest[] = [];

  /**
   * Answers `method path` with `body`, which must be what `schema` (the endpoint's contract) accepts. A path
   * without a query answers it with any query.
   */
  reply<Schema extends z.ZodType>(
    method: string,
    path: string,
    schema: Schema,
    body: z.input<Schema>,
    status = 200,
  ): this {
    // The schema is the contract: a fixture it refuses is a mistake in the test, found here rather than on screen.
    return this.replyText(method, path, status, JSON.stringify(schema.parse(body)));
  }

  /**
   * Keeps the replies to `method path` back until the returned function is called: a slow endpoint (a model
   * thinking), so that a test sees what the page shows meanwhile.
   */
  hold(method: string, path: string): () => void {
    let release = () => {};
    this.held.set(
      `${method} ${path}`,
      new Promise<void>((resolve) => {
        release = resolve;
      }),
    );
    return () => {
      this.held.delete(`${method} ${path}`);
      release();
    };
  }

  /** Answers with an error reply of the API's shape. */
  fail(method: string, path: string, status: number, body: ErrorBody): this {
    return this.replyText(method, path, status, JSON.stringify(body));
  }

  /** Answers with any text: a reply the contract does not allow (an older API, a proxy's page). */
  replyText(
    method: string,
    path: string,
    status: number,
    text: string,
    contentType = 'application/json',
  ): this {
    this.replies.set(`${method} ${path}`, { status, text, contentType });
    return this;
  }

  /** The requests made to `method path` (the path without its query). */
  requestsTo(method: string, path: string): SeenRequest[] {
    return this.requests.filter((r) => r.method === method && r.path.split('?')[0] === path);
  }

  /** Sends a `store` event on every open stream, as the provisioner does when a store changes. */
  sendStore(store: StoreView): void {
    this.send('store', JSON.stringify(storeSchema.parse(store)));
  }

  /** Sends a `store-deleted` event. */
  sendStoreDeleted(name: string): void {
    this.send('store-deleted', JSON.stringify({ name }));
  }

  /** Sends any event, e.g. one of a shape the contract does not allow. */
  send(type: string, data: string): void {
    for (const stream of this.streams) if (!stream.closed) stream.dispatch(type, data);
  }

  /**
   * Cuts every open stream, as a stopped provisioner does: an `error` event, after which the browser reconnects by
   * itself, or, with `givesUp`, stops for good (readyState CLOSED, as after a proxy's 502).
   */
  cutStreams({ givesUp = false }: { givesUp?: boolean } = {}): void {
    for (const stream of this.liveStreams()) {
      stream.readyState = givesUp ? 2 : 0;
      if (givesUp) stream.closed = true;
      stream.dispatchEvent(new Event('error'));
    }
  }

  /** The streams still in use (not closed by the page or given up on). */
  private liveStreams(): FakeEventSource[] {
    return this.streams.filter((stream) => !stream.closed);
  }

  /** Sends `open` on every stream still in use: the stream (re)connected. */
  reconnectStreams(): void {
    for (const stream of this.liveStreams()) {
      stream.readyState = 1;
      stream.dispatchEvent(new Event('open'));
    }
  }

  /** How many EventSources the page has made (a new one after the browser gave up on one). */
  get streamsMade(): number {
    return this.streams.length;
  }

  /** Puts this fake in place of fetch and EventSource; `vi.unstubAllGlobals()` takes it away. */
  install(): this {
    vi.stubGlobal('fetch', (input: string, init: RequestInit = {}) => this.answer(input, init));
    const streams = this.streams;
    vi.stubGlobal(
      'EventSource',
      class extends FakeEventSource {
        constructor(url: string) {
          super(url);
          streams.push(this);
        }
      },
    );
    return this;
  }

  private async answer(url: string, init: RequestInit): Promise<Response> {
    const method = init.method ?? 'GET';
    const path = url.replace(/^\/api\/v1/, '');
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    this.requests.push({ method, path, headers, body });
    await this.held.get(`${method} ${path.split('?')[0]}`);
    const reply =
      this.replies.get(`${method} ${path}`) ?? this.replies.get(`${method} ${path.split('?')[0]}`);
    if (!reply) {
      const missing: ErrorBody = {
        code: 'not_faked',
        message: `the test gave no reply for ${method} ${url}`,
      };
      return new Response(JSON.stringify(missing), { status: 501 });
    }
    return new Response(reply.status === 204 ? null : reply.text, {
      status: reply.status,
      headers: { 'content-type': reply.contentType },
    });
  }
}

/** An EventSource that the test drives: events arrive when FakeApi.send is called. */
class FakeEventSource extends EventTarget {
  closed = false;
  /** EventSource's: 0 connecting, 1 open, 2 closed. */
  readyState = 1;
  constructor(readonly url: string) {
    super();
  }
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
  dispatch(type: string, data: string): void {
    this.dispatchEvent(new MessageEvent(type, { data }));
  }
}

/**
 * Renders `ui` at `path` (matched by `route`, so that useParams works) with a fresh query cache and no retries:
 * a failure shows at once.
 */
export function renderWithApi(
  ui: ReactElement,
  { path = '/', route = '*' }: { path?: string; route?: string } = {},
) {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const view = render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path={route} element={ui} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { client, ...view };
}
