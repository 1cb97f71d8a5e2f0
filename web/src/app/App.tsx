import { StrictMode } from 'react';
import { BrowserRouter } from 'react-router';
import type { HttpClient } from '../base/http/client';
import { HttpClientProvider } from '../base/http/HttpClientContext';
import type { Settings } from '../features/settings/settings';
import { SettingsProvider } from '../features/settings/SettingsContext';
import { AppRoutes } from './routes';

export interface AppDependencies {
  client: HttpClient;
  storage: Storage | null;
  root: HTMLElement;
  initialSettings: Settings;
  defaultSettings: Settings;
}

/** The composition root: everything the pages need, wired once. */
export function App({ client, storage, root, initialSettings, defaultSettings }: AppDependencies) {
  return (
    <StrictMode>
      <HttpClientProvider client={client}>
        <SettingsProvider initial={initialSettings} defaults={defaultSettings} storage={storage} root={root}>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </SettingsProvider>
      </HttpClientProvider>
    </StrictMode>
  );
}
