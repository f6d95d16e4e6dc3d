/** Light / Dark / System as a radio group (the top bar's theme button stays in sync through the delve-theme event). */
import { useEffect, useState } from 'react';
import { setTheme, storedTheme, type Theme } from '../../app/theme';

const OPTIONS: { value: Theme; label: string; hint: string }[] = [
  { value: 'light', label: 'Light', hint: '' },
  { value: 'dark', label: 'Dark', hint: '' },
  { value: 'system', label: 'System', hint: 'follows your device setting' },
];

export function ThemeChoice() {
  const [theme, setState] = useState<Theme>(storedTheme);
  useEffect(() => {
    const on = (): void => setState(storedTheme());
    window.addEventListener('delve-theme', on);
    return () => window.removeEventListener('delve-theme', on);
  }, []);
  return (
    <fieldset className="theme-choice">
      <legend>Theme</legend>
      {OPTIONS.map((o) => (
        <label key={o.value} className="checkbox theme-option">
          <input type="radio" name="theme" value={o.value} checked={theme === o.value}
            onChange={() => { setTheme(o.value); setState(o.value); }} />
          {o.label}{o.hint ? <span className="muted"> ({o.hint})</span> : null}
        </label>
      ))}
    </fieldset>
  );
}
