import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { AppProviders } from '../app/App';
import { AppRoutes } from '../app/routes';
import { createHttpClient, type FetchLike } from '../base/http/client';
import { defaultSettings, loadSettings } from '../features/settings/settings';
import { fakeFetch } from './fakeFetch';

export interface RenderOptions {
  /** How often the session is polled (ms); by default effectively never within a test. */
  sessionPollMs?: number;
}

/** The whole app at `path`, in memory, on a fake fetch and jsdom's localStorage. */
export function renderApp(path: string, fetchImpl: FetchLike = fakeFetch({}), options: RenderOptions = {}) {
  const root = document.documentElement;
  const client = createHttpClient(fetchImpl);
  const result = render(
    <AppProviders
      client={client}
      storage={window.localStorage}
      root={root}
      initialSettings={loadSettings(window.localStorage)}
      defaultSettings={defaultSettings}
      sessionPollMs={options.sessionPollMs ?? 3_600_000}
    >
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
      </MemoryRouter>
    </AppProviders>,
  );
  return { ...result, client };
}
