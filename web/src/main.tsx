import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createHttpClient } from './base/http/client';
import './base/styles/index.css';
import {
  applySettings,
  browserStorage,
  defaultSettings,
  loadSettings,
  prefersMoreContrast,
} from './features/settings/settings';

// Apply the stored text size and theme before React renders anything, so the first paint is
// already in them. (An inline script in index.html would be earlier still, but the server's
// Content-Security-Policy allows no inline script.)
const root = document.documentElement;
const storage = browserStorage();
const defaults = { ...defaultSettings, highContrast: prefersMoreContrast() };
const initialSettings = loadSettings(storage, defaults.highContrast);
applySettings(initialSettings, root);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <App
    client={createHttpClient()}
    storage={storage}
    root={root}
    initialSettings={initialSettings}
    defaultSettings={defaults}
  />,
);
