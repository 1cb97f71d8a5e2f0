import { useId, useState, type ChangeEvent } from 'react';
import { asApiError } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { patchAccount } from '../account/account';
import { useSession } from '../session/SessionContext';
import { textSize, type Settings } from './settings';
import { useSettings } from './SettingsContext';

/**
 * Text size and the high-contrast theme. Each change applies at once and is kept in this
 * browser; while signed in it is saved on the account as well, so it follows the person to
 * other devices.
 */
export function DisplaySettings() {
  const { settings, update, reset } = useSettings();
  const { state, updateUser } = useSession();
  const client = useHttpClient();
  const [saveError, setSaveError] = useState<string | null>(null);
  const signedIn = state.status === 'signed-in';
  const ids = {
    heading: useId(),
    size: useId(),
    sizeHint: useId(),
    contrast: useId(),
    contrastHint: useId(),
  };
  const sizeText = `${settings.textSizePercent}%`;

  const save = (next: Settings) => {
    if (!signedIn) return;
    patchAccount(client, { textSize: next.textSizePercent, highContrast: next.highContrast }).then(
      (account) => {
        setSaveError(null);
        updateUser(account);
      },
      (error: unknown) => {
        setSaveError(asApiError(error).message);
      },
    );
  };

  const change = (partial: Partial<Settings>) => {
    const next = { ...settings, ...partial };
    update(partial);
    save(next);
  };

  const onSize = (event: ChangeEvent<HTMLInputElement>) => {
    change({ textSizePercent: Number(event.target.value) });
  };
  const onContrast = (event: ChangeEvent<HTMLInputElement>) => {
    change({ highContrast: event.target.checked });
  };
  const onReset = () => {
    const defaults = reset();
    save(defaults);
  };

  return (
    <section aria-labelledby={ids.heading} id="display">
      <h2 id={ids.heading}>Display</h2>
      <p>
        Make Hearth easier to read. Changes apply at once
        {signedIn ? ', here and on your other devices once you sign in there.' : ' and are kept in this browser.'}
      </p>
      {saveError && (
        <p role="alert" className="notice notice--error">
          Your display settings apply here but could not be saved to your account: {saveError}
        </p>
      )}
      <div className="settings">
        <div className="field">
          <label htmlFor={ids.size} className="field__label">
            Text size
          </label>
          <div className="field__row">
            <input
              id={ids.size}
              type="range"
              className="range"
              min={textSize.min}
              max={textSize.max}
              step={textSize.step}
              value={settings.textSizePercent}
              aria-valuetext={sizeText}
              aria-describedby={ids.sizeHint}
              onChange={onSize}
            />
            <output htmlFor={ids.size} className="field__value">
              {sizeText}
            </output>
          </div>
          <p id={ids.sizeHint} className="field__hint">
            From {textSize.min}% to {textSize.max}%, in steps of {textSize.step}%. Use the arrow keys, or Home and End
            for the smallest and largest size.
          </p>
        </div>

        <div className="field field--check">
          <input
            id={ids.contrast}
            type="checkbox"
            className="checkbox"
            checked={settings.highContrast}
            aria-describedby={ids.contrastHint}
            onChange={onContrast}
          />
          <label htmlFor={ids.contrast} className="field__label">
            High-contrast theme
          </label>
          <p id={ids.contrastHint} className="field__hint">
            Light text on black with strong outlines and underlined links.
          </p>
        </div>

        <div className="actions">
          <button type="button" className="button button--quiet" onClick={onReset}>
            Restore default settings
          </button>
        </div>
      </div>
    </section>
  );
}
