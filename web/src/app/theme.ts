/** Light/dark theme: a UI preference (not a secret), kept in localStorage; "system" follows the OS. */
export type Theme = 'light' | 'dark' | 'system';
const KEY = 'delve.theme';

export function storedTheme(): Theme {
  const v = localStorage.getItem(KEY);
  return v === 'light' || v === 'dark' ? v : 'system';
}

export function applyTheme(t: Theme = storedTheme()): void {
  const dark = t === 'dark' || (t === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

export function setTheme(t: Theme): void {
  if (t === 'system') localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, t);
  applyTheme(t);
  window.dispatchEvent(new Event('delve-theme'));
}
