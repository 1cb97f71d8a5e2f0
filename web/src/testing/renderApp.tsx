import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { AppProviders } from '../app/App';
import { AppRoutes } from '../app/routes';
import { createHttpClient, type FetchLike } from '../base/http/client';
import type { SocketLike } from '../base/realtime/connection';
import { defaultSettings, loadSettings } from '../features/settings/settings';
import { fakeFetch } from './fakeFetch';
import { FakeSocket } from './fakeSocket';

/** Sockets that stay "connecting": pages render as they would before chat connects. */
const quietSockets = (url: string) => new FakeSocket(url);

export interface RenderOptions {
  /** How often the session is polled (ms); by default effectively never within a test. */
  sessionPollMs?: number;
  /** The real-time sockets the app opens; by default fakes that never connect. */
  createSocket?: (url: string) => SocketLike;
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
      createSocket={options.createSocket ?? quietSockets}
    >
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
      </MemoryRouter>
    </AppProviders>,
  );
  return { ...result, client };
}
