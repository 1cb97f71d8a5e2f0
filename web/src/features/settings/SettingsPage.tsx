import { useId, type ChangeEvent } from 'react';
import { PageHeading } from '../../base/ui/PageHeading';
import { useDocumentTitle } from '../../base/ui/useDocumentTitle';
import { textSize } from './settings';
import { useSettings } from './SettingsContext';

export function SettingsPage() {
  useDocumentTitle('Settings');
  const { settings, update, reset } = useSettings();
  const ids = {
    size: useId(),
    sizeHint: useId(),
    contrast: useId(),
    contrastHint: useId(),
  };
  const sizeText = `${settings.textSizePercent}%`;

  const onSize = (event: ChangeEvent<HTMLInputElement>) => {
    update({ textSizePercent: Number(event.target.value) });
  };
  const onContrast = (event: ChangeEvent<HTMLInputElement>) => {
    update({ highContrast: event.target.checked });
  };

  return (
    <>
      <PageHeading>Settings</PageHeading>
      <p className="lead">
        Make Hearth easier to read. These settings are kept in this browser only and apply as soon as you
        change them.
      </p>

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
            From {textSize.min}% to {textSize.max}%, in steps of {textSize.step}%. Use the arrow keys, or Home and
            End for the smallest and largest size.
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
          <button type="button" className="button button--quiet" onClick={reset}>
            Restore default settings
          </button>
        </div>
      </div>
    </>
  );
}
