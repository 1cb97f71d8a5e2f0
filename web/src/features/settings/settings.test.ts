import { describe, expect, it } from 'vitest';
import {
  applySettings,
  clearSettings,
  defaultSettings,
  loadSettings,
  normaliseTextSize,
  parseSettings,
  saveSettings,
  serialiseSettings,
  storageKey,
} from './settings';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => {
      items.clear();
    },
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => {
      items.delete(key);
    },
    setItem: (key, value) => {
      items.set(key, value);
    },
  };
}

function throwingStorage(): Storage {
  const fail = () => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
  return { length: 0, clear: fail, getItem: fail, key: fail, removeItem: fail, setItem: fail };
}

describe('normaliseTextSize', () => {
  it.each([
    [100, 100],
    [150, 150],
    [200, 200],
    [144, 140],
    [146, 150],
    [50, 100],
    [500, 200],
    [Number.NaN, 100],
    [Number.POSITIVE_INFINITY, 100],
  ])('%d becomes %d', (input, expected) => {
    expect(normaliseTextSize(input)).toBe(expected);
  });
});

describe('parseSettings', () => {
  it('reads what serialiseSettings wrote', () => {
    const settings = { textSizePercent: 170, highContrast: true };
    expect(parseSettings(serialiseSettings(settings))).toEqual(settings);
  });

  it('gives the defaults when nothing is stored', () => {
    expect(parseSettings(null)).toEqual(defaultSettings);
  });

  it.each(['not json', '42', 'null', '[]', '"text"'])('gives the defaults for %s', (raw) => {
    expect(parseSettings(raw)).toEqual(defaultSettings);
  });

  it('keeps the valid fields of a partly damaged entry', () => {
    expect(parseSettings('{"textSizePercent":"big","highContrast":true}')).toEqual({
      textSizePercent: 100,
      highContrast: true,
    });
    expect(parseSettings('{"textSizePercent":180,"highContrast":"yes"}')).toEqual({
      textSizePercent: 180,
      highContrast: false,
    });
  });

  it('snaps a stored size into range', () => {
    expect(parseSettings('{"textSizePercent":900}').textSizePercent).toBe(200);
  });
});

describe('loadSettings and saveSettings', () => {
  it('round-trip through storage', () => {
    const storage = memoryStorage();
    expect(saveSettings(storage, { textSizePercent: 200, highContrast: true })).toBe(true);
    expect(storage.getItem(storageKey)).not.toBeNull();
    expect(loadSettings(storage)).toEqual({ textSizePercent: 200, highContrast: true });
  });

  it('follow the system contrast preference until a choice is stored', () => {
    const storage = memoryStorage();
    expect(loadSettings(storage, true).highContrast).toBe(true);
    saveSettings(storage, { textSizePercent: 100, highContrast: false });
    expect(loadSettings(storage, true).highContrast).toBe(false);
  });

  it('fall back to the defaults when storage throws or is missing', () => {
    expect(loadSettings(throwingStorage())).toEqual(defaultSettings);
    expect(loadSettings(null)).toEqual(defaultSettings);
    expect(saveSettings(throwingStorage(), defaultSettings)).toBe(false);
    expect(saveSettings(null, defaultSettings)).toBe(false);
    expect(() => {
      clearSettings(throwingStorage());
    }).not.toThrow();
  });

  it('clearSettings forgets the stored choice', () => {
    const storage = memoryStorage();
    saveSettings(storage, { textSizePercent: 150, highContrast: true });
    clearSettings(storage);
    expect(storage.getItem(storageKey)).toBeNull();
  });
});

describe('applySettings', () => {
  it('sets the root font size and the theme attribute', () => {
    const root = document.createElement('html');
    applySettings({ textSizePercent: 200, highContrast: true }, root);
    expect(root.style.fontSize).toBe('200%');
    expect(root.dataset.theme).toBe('high-contrast');

    applySettings(defaultSettings, root);
    expect(root.style.fontSize).toBe('100%');
    expect(root.dataset.theme).toBe('default');
  });
});
