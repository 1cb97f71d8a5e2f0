import type { ApiError } from '../http/client';

/**
 * A failed load: role=alert so screen readers announce it at once, with a way to try again.
 */
export function LoadError({ what, error, onRetry }: { what: string; error: ApiError; onRetry: () => void }) {
  return (
    <div role="alert" className="notice notice--error">
      <p className="notice__title">We could not load {what}.</p>
      <p>{error.message}</p>
      <button type="button" className="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
