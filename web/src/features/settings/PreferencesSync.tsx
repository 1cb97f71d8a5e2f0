import { useEffect, useRef } from 'react';
import { useSession } from '../session/SessionContext';
import { defaultSettings, normaliseTextSize } from './settings';
import { useSettings } from './SettingsContext';

/**
 * On sign-in, the display preferences saved on the account apply in this browser too. An
 * account that never chose any (the defaults) keeps what this browser already shows, so a
 * person whose system asks for more contrast is not switched back on signing in.
 */
export function PreferencesSync() {
  const { state } = useSession();
  const { update } = useSettings();
  const applied = useRef<string | null>(null);

  const sessionId = state.status === 'signed-in' ? state.info.session.id : null;
  const preferences = state.status === 'signed-in' ? state.info.user.preferences : null;

  useEffect(() => {
    if (sessionId === null || preferences === null || applied.current === sessionId) return;
    applied.current = sessionId;
    const chosen =
      preferences.textSize !== defaultSettings.textSizePercent ||
      preferences.highContrast !== defaultSettings.highContrast;
    if (chosen) {
      update({ textSizePercent: normaliseTextSize(preferences.textSize), highContrast: preferences.highContrast });
    }
  }, [sessionId, preferences, update]);

  return null;
}
