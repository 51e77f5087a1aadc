import { Button } from './Button.js';
import './ErrorState.css';

/** An HTTP status, when the error carries one (the API's errors do; a fetch that got no reply does not). */
function statusOf(error: Error): number | undefined {
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * What went wrong, in words for people: no reply or a gateway's error means the platform is away (stopped,
 * restarting, or the network); otherwise the API's own sentence, which already says what was wrong.
 */
export function plainWords(error: Error): string {
  const status = statusOf(error);
  if (status === undefined && error.name === 'TypeError') {
    return 'The platform did not answer (it may be restarting, or the network is down).';
  }
  if (status === 502 || status === 503 || status === 504) {
    return 'The platform did not answer (it may be restarting).';
  }
  if (status !== undefined && status >= 500) return 'The platform failed to answer this request.';
  return error.message;
}

interface ErrorStateProps {
  /** What could not be loaded, e.g. "The tokens". */
  what: string;
  error: Error;
  onRetry: () => void;
  /** True while the retry is under way. */
  retrying?: boolean;
}

/** A failed load in plain words, with Retry; the technical detail is kept, small, for whoever must look further. */
export function ErrorState({ what, error, onRetry, retrying = false }: ErrorStateProps) {
  const words = plainWords(error);
  return (
    <div role="alert" className="alert error-state">
      <p>
        {what} could not be loaded. {words}
      </p>
      {words !== error.message && <p className="muted error-detail">Detail: {error.message}</p>}
      <Button onClick={onRetry} disabled={retrying}>
        {retrying ? 'Retrying…' : 'Retry'}
      </Button>
    </div>
  );
}

/** What QueryError reads of a TanStack query. */
interface FailedQuery {
  error: Error | null;
  isFetching: boolean;
  refetch: () => unknown;
}

/** A query's failed load (nothing while it has not failed), with Retry fetching it again. */
export function QueryError({ what, query }: { what: string; query: FailedQuery }) {
  if (!query.error) return null;
  return (
    <ErrorState
      what={what}
      error={query.error}
      retrying={query.isFetching}
      onRetry={() => void query.refetch()}
    />
  );
}
