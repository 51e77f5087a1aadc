import type { FailureKind } from '@store-platform/contracts';

/** Stable error codes of the API; each maps to one HTTP status. */
export const errorStatus = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  version_mismatch: 409,
  engine_coming_soon: 422,
  /** An update or rollback the platform's rules refuse (details.rule says which: domain/update.ts). */
  update_refused: 422,
  /** A secret rotation the store's engine or its own Secret does not allow (domain/secret-rotation.ts). */
  rotation_not_supported: 422,
  /** A write that must name the version it was made from (If-Match) and did not. */
  precondition_required: 428,
  limit_reached: 429,
  /** A starter catalog the platform cannot load: a product listed twice, or a store engine without catalogs. */
  invalid_catalog: 422,
  /** A clone or restore from a backup that cannot be used (not found, not complete, another engine). */
  backup_unusable: 422,
  unavailable: 503,
  /** Backups, restores and clones asked for while the platform has no backup storage configured. */
  backups_not_configured: 503,
  /** Store creation from a description asked for while the operator configured no model. */
  assistant_not_configured: 503,
  /** The model did not answer (a timeout, its own 429 or 5xx, no connection). */
  assistant_unavailable: 503,
  /** The model answered something that is not a valid store proposal. */
  assistant_bad_answer: 502,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof errorStatus;

/**
 * An error meant for the caller: its message is safe to show and says what to do. `retryAfterSeconds` (for 429
 * and 503) becomes the reply's Retry-After header.
 */
export class PlatformError extends Error {
  readonly retryAfterSeconds?: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    options: { retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'PlatformError';
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

/**
 * A failure of Kubernetes, Helm or the cluster's state, as the adapters and the pre-flight report it: a kind the
 * flows and the UI can act on, and a short message for people. The raw answer (a response body with its
 * headers, Helm's whole stderr) is its `cause`, which goes to the log and never into a store's reason.
 */
export class ClusterError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = 'ClusterError';
  }
}
