import type { ActivityQuery } from '@store-platform/contracts';

/**
 * Every query's key, made here only: the hooks read with them, and mutations and the event stream write and
 * invalidate with them, so that a change reaches every screen that shows it. A key carries every input of its
 * request; `all()` of a group is the prefix that matches each of its queries.
 */
export const queryKeys = {
  /** GET /auth/session: who is signed in (null: nobody). */
  session: () => ['session'] as const,
  /** GET /engines. */
  engines: () => ['engines'] as const,
  /** GET /quota: the signed-in user's stores against their limit. */
  quota: () => ['quota'] as const,
  /** GET /assistant: whether stores can be created from a description, and by which model. */
  assistant: () => ['assistant'] as const,
  stores: {
    all: () => ['stores'] as const,
    /** GET /stores: every store (the list filters and sorts them on the page, so they stay live from the stream). */
    list: () => ['stores', 'list'] as const,
    /** GET /stores/{name}. */
    detail: (name: string) => ['stores', 'detail', name] as const,
    /** GET /stores/{name}/revisions: its Helm release's history, newest first. */
    revisions: (name: string) => ['stores', 'revisions', name] as const,
    /** GET /stores/{name}/backups: newest first. */
    backups: (name: string) => ['stores', 'backups', name] as const,
    /** GET /stores/{name}/secret-versions: its credentials' versions, newest first (never their values). */
    secretVersions: (name: string) => ['stores', 'secret-versions', name] as const,
  },
  /** GET /deleted-stores: the deleted stores still restorable. */
  deletedStores: () => ['deleted-stores'] as const,
  /** GET /data-policy: whether backups are on, and the deletion policy (fixed while the platform runs). */
  dataPolicy: () => ['data-policy'] as const,
  activity: {
    all: () => ['activity'] as const,
    /** GET /activity with these filters, page and page size. */
    list: (query: ActivityQuery) => ['activity', 'list', query] as const,
  },
  tokens: {
    all: () => ['tokens'] as const,
    /** GET /auth/tokens: the signed-in user's own. */
    mine: () => ['tokens', 'mine'] as const,
  },
  users: {
    all: () => ['users'] as const,
    /** GET /auth/users. */
    list: () => ['users', 'list'] as const,
  },
};
