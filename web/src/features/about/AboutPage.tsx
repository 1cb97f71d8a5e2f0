import { useCallback, useRef } from 'react';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useResource } from '../../base/http/useResource';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { PageHeading } from '../../base/ui/PageHeading';
import { useDocumentTitle } from '../../base/ui/useDocumentTitle';
import { fetchVersion } from './version';

export function AboutPage() {
  useDocumentTitle('About');
  const client = useHttpClient();
  const load = useCallback((signal: AbortSignal) => fetchVersion(client, signal), [client]);
  const { state, retry } = useResource(load);
  const heading = useRef<HTMLHeadingElement>(null);

  const onRetry = () => {
    retry();
    heading.current?.focus();
  };

  return (
    <>
      <PageHeading>About Hearth</PageHeading>
      <p className="lead">
        Hearth is a self-hosted platform for virtual intensive outpatient programs in mental health and
        substance use care.
      </p>
      <section aria-labelledby="about-system">
        <h2 id="about-system" ref={heading} tabIndex={-1}>
          System
        </h2>
        {state.status === 'loading' && <Loading what="the server version" />}
        {state.status === 'error' && (
          <LoadError what="the server version" error={state.error} onRetry={onRetry} />
        )}
        {state.status === 'ready' && (
          <dl className="facts">
            <div>
              <dt>Server</dt>
              <dd>
                {state.data.name} {state.data.version}
              </dd>
            </div>
            <div>
              <dt>API version</dt>
              <dd>{state.data.api}</dd>
            </div>
            <div>
              <dt>Web app</dt>
              <dd>{__APP_VERSION__}</dd>
            </div>
          </dl>
        )}
      </section>
    </>
  );
}
