import { MIN_KEY_LENGTH } from './generate.js';

/** Known placeholders copied from docs and tutorials; a key equal to (or starting with) one of these is weak. */
const PLACEHOLDERS = [
  'your-default-secret-key', 'your-secret-key', 'your_secret_key', 'changeme', 'change-me', 'change_me', 'secret',
  'secret-key', 'secret_key', 'insecure', 'django-insecure-', 'please-change-me', 'replace-me', 'xxxxxxxx', 'password',
  'default', 'development', 'dev-secret', 'test-secret',
];

/** Why a key is weak, or null when it is acceptable. The key itself never appears in the reason. */
export function keyWeakness(key: string): string | null {
  const lower = key.toLowerCase();
  if (PLACEHOLDERS.some((p) => lower === p || (p.endsWith('-') && lower.startsWith(p))) || lower.includes('your-default-secret-key')) {
    return 'it is a well-known placeholder value';
  }
  if (key.length < MIN_KEY_LENGTH) return `it has ${key.length} characters; at least ${MIN_KEY_LENGTH} are required`;
  if (new Set(key).size < 5) return 'it has fewer than 5 distinct characters';
  return null;
}
