/**
 * Display settings: text size and a high-contrast theme. Kept in this browser (so they apply
 * before sign-in and before the first render) and, while signed in, on the account as well
 * (see DisplaySettings and PreferencesSync). Pure functions over a Storage and a root element so they run before React renders
 * (main.tsx) and in tests without a browser.
 */

export const storageKey = 'hearth.settings.v1';

export const textSize = { min: 100, max: 200, step: 10, default: 100 } as const;

export type Theme = 'default' | 'high-contrast';

export interface Settings {
  /** Root font size in percent of the browser's own default; the CSS is rem-based. */
  textSizePercent: number;
  highContrast: boolean;
}

export const defaultSettings: Settings = { textSizePercent: textSize.default, highContrast: false };

/** Snaps any number into the allowed range and onto a step (100, 110, … 200). */
export function normaliseTextSize(value: number): number {
  if (!Number.isFinite(value)) return textSize.default;
  const stepped = Math.round((value - textSize.min) / textSize.step) * textSize.step + textSize.min;
  return Math.min(textSize.max, Math.max(textSize.min, stepped));
}

/**
 * Reads what was stored; anything missing, malformed or out of range falls back field by field,
 * so a damaged entry never locks a person out of a readable screen.
 */
export function parseSettings(raw: string | null, fallback: Settings = defaultSettings): Settings {
  if (raw === null) return fallback;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return fallback;
  }
  if (typeof json !== 'object' || json === null) return fallback;
  const record = json as Record<string, unknown>;
  return {
    textSizePercent:
      typeof record.textSizePercent === 'number' ? normaliseTextSize(record.textSizePercent) : fallback.textSizePercent,
    highContrast: typeof record.highContrast === 'boolean' ? record.highContrast : fallback.highContrast,
  };
}

export function serialiseSettings(settings: Settings): string {
  return JSON.stringify({ textSizePercent: settings.textSizePercent, highContrast: settings.highContrast });
}

/**
 * The stored settings. With nothing stored, the high-contrast theme follows the operating
 * system's "more contrast" preference. Storage may be missing or throw (some private modes,
 * blocked cookies); then the defaults apply.
 */
export function loadSettings(storage: Storage | null, prefersMoreContrast = false): Settings {
  const fallback: Settings = { ...defaultSettings, highContrast: prefersMoreContrast };
  try {
    return parseSettings(storage?.getItem(storageKey) ?? null, fallback);
  } catch {
    return fallback;
  }
}

/** Returns false when the browser refused to store (the settings still apply to this page). */
export function saveSettings(storage: Storage | null, settings: Settings): boolean {
  if (!storage) return false;
  try {
    storage.setItem(storageKey, serialiseSettings(settings));
    return true;
  } catch {
    return false;
  }
}

export function clearSettings(storage: Storage | null): void {
  try {
    storage?.removeItem(storageKey);
  } catch {
    // Nothing stored can be removed; the defaults apply to this page either way.
  }
}

export function themeOf(settings: Settings): Theme {
  return settings.highContrast ? 'high-contrast' : 'default';
}

/**
 * Applies settings to the document root: the font size through the CSSOM (allowed by the
 * server's style-src 'self', unlike a style attribute in markup) and the theme as
 * data-theme, which the stylesheet keys its colours on.
 */
export function applySettings(settings: Settings, root: HTMLElement): void {
  root.style.fontSize = `${settings.textSizePercent}%`;
  root.dataset.theme = themeOf(settings);
}

/** localStorage, or null where reading the property itself throws. */
export function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function prefersMoreContrast(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-contrast: more)').matches;
}
