import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { AppRoutes } from '../app/routes';
import { createHttpClient, type FetchLike } from '../base/http/client';
import { HttpClientProvider } from '../base/http/HttpClientContext';
import { defaultSettings, loadSettings } from '../features/settings/settings';
import { SettingsProvider } from '../features/settings/SettingsContext';
import { fakeFetch } from './fakeFetch';

/** The whole app at `path`, in memory, on a fake fetch and jsdom's localStorage. */
export function renderApp(path: string, fetchImpl: FetchLike = fakeFetch({})) {
  const root = document.documentElement;
  return render(
    <HttpClientProvider client={createHttpClient(fetchImpl)}>
      <SettingsProvider
        initial={loadSettings(window.localStorage)}
        defaults={defaultSettings}
        storage={window.localStorage}
        root={root}
      >
        <MemoryRouter initialEntries={[path]}>
          <AppRoutes />
        </MemoryRouter>
      </SettingsProvider>
    </HttpClientProvider>,
  );
}
