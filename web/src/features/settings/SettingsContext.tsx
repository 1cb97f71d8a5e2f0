import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { applySettings, clearSettings, loadSettings, saveSettings, storageKey, type Settings } from './settings';

interface SettingsContextValue {
  settings: Settings;
  update: (change: Partial<Settings>) => void;
  /** Forgets the stored choice; returns the defaults now in force. */
  reset: () => Settings;
}

const SettingsContext = createContext<SettingsContextValue | null>(null);

interface Props {
  /** What main.tsx already applied before the first render. */
  initial: Settings;
  defaults: Settings;
  storage: Storage | null;
  root: HTMLElement;
  children: ReactNode;
}

/** Holds the display settings; every change is applied to the root at once and stored. */
export function SettingsProvider({ initial, defaults, storage, root, children }: Props) {
  const [settings, setSettings] = useState(initial);

  useEffect(() => {
    applySettings(settings, root);
  }, [settings, root]);

  // Another tab of Hearth changed the settings: follow it, so all open tabs look the same.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === storageKey) setSettings(loadSettings(storage, defaults.highContrast));
    };
    window.addEventListener('storage', onStorage);
    return () => {
      window.removeEventListener('storage', onStorage);
    };
  }, [storage, defaults]);

  const update = useCallback(
    (change: Partial<Settings>) => {
      const next = { ...settings, ...change };
      saveSettings(storage, next);
      setSettings(next);
    },
    [settings, storage],
  );

  // Forgets the stored choice, so the defaults (which follow the system's contrast preference)
  // apply again here and in later visits.
  const reset = useCallback(() => {
    clearSettings(storage);
    setSettings(defaults);
    return defaults;
  }, [storage, defaults]);

  const value = useMemo(() => ({ settings, update, reset }), [settings, update, reset]);
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>;
}

export function useSettings(): SettingsContextValue {
  const value = useContext(SettingsContext);
  if (!value) throw new Error('useSettings must be used inside <SettingsProvider>');
  return value;
}
