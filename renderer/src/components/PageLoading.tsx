// A page whose data has not arrived: "Loading…", or why it failed and a way to try again.
import { ErrorIcon } from './Icons.tsx';
import { PageTitle } from './PageTitle.tsx';

export interface PageLoadingProps {
  /** The page's title, and the page's own class name ("page services-page"). */
  title: string;
  className: string;
  /** What is being loaded, in words: "the services". */
  what: string;
  idPrefix: string;
  status: string;
  failure: { message: string; hint?: string | undefined } | null;
  retry: () => void;
}

export function PageLoading({ title, className, what, idPrefix, status, failure, retry }: PageLoadingProps) {
  return (
    <div className={className} aria-busy={status !== 'failed'}>
      <PageTitle title={title} />
      {status === 'failed' && failure !== null ? (
        <div className="problem" role="region" aria-labelledby={`${idPrefix}-problem`}>
          <h2 id={`${idPrefix}-problem`}>
            <ErrorIcon /> {`${what.charAt(0).toUpperCase()}${what.slice(1)} could not be loaded`}
          </h2>
          <p>{failure.message}</p>
          {failure.hint !== undefined && (
            <p>
              <span className="label">What you can do:</span> {failure.hint}
            </p>
          )}
          <button type="button" className="button" onClick={retry}>
            Try again
          </button>
        </div>
      ) : (
        <p className="loading">{`Loading ${what}…`}</p>
      )}
    </div>
  );
}
