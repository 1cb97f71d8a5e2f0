import { StrictMode, type ReactNode } from 'react';
import { BrowserRouter } from 'react-router';
import type { HttpClient } from '../base/http/client';
import { HttpClientProvider } from '../base/http/HttpClientContext';
import type { SocketLike } from '../base/realtime/connection';
import { ChatProvider } from '../features/chat/ChatContext';
import { SessionProvider } from '../features/session/SessionContext';
import { PreferencesSync } from '../features/settings/PreferencesSync';
import type { Settings } from '../features/settings/settings';
import { SettingsProvider } from '../features/settings/SettingsContext';
import { AppRoutes } from './routes';

export interface AppDependencies {
  client: HttpClient;
  storage: Storage | null;
  root: HTMLElement;
  initialSettings: Settings;
  defaultSettings: Settings;
  /** How often the session is checked (ms); tests make it short. */
  sessionPollMs?: number;
  /** Opens the real-time socket; tests pass a fake. The browser's WebSocket by default. */
  createSocket?: (url: string) => SocketLike;
}

/** Everything below the router: the http client, display settings, the session and its chat. */
export function AppProviders({
  client,
  storage,
  root,
  initialSettings,
  defaultSettings,
  sessionPollMs,
  createSocket,
  children,
}: AppDependencies & { children: ReactNode }) {
  return (
    <HttpClientProvider client={client}>
      <SettingsProvider initial={initialSettings} defaults={defaultSettings} storage={storage} root={root}>
        <SessionProvider {...(sessionPollMs === undefined ? {} : { pollIntervalMs: sessionPollMs })}>
          <PreferencesSync />
          <ChatProvider {...(createSocket === undefined ? {} : { createSocket })}>{children}</ChatProvider>
        </SessionProvider>
      </SettingsProvider>
    </HttpClientProvider>
  );
}

/** The composition root: everything the pages need, wired once. */
export function App(dependencies: AppDependencies) {
  return (
    <StrictMode>
      <AppProviders {...dependencies}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </AppProviders>
    </StrictMode>
  );
}
