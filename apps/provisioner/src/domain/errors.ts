/** Stable error codes of the API; each maps to one HTTP status. */
export const errorStatus = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  version_mismatch: 409,
  engine_coming_soon: 422,
  limit_reached: 429,
  unavailable: 503,
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
