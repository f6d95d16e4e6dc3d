import { envName } from './define.js';
import { SETTINGS, SETTING_NAMES } from './schema.js';

const fmt = (v: unknown): string => (v === null ? 'unset' : JSON.stringify(v));

/** The settings table for the README (generated; a test keeps it in sync with the schema). */
export function settingsMarkdownTable(): string {
  const rows = SETTING_NAMES.map((n) => {
    const d = SETTINGS[n];
    const env = `\`${envName(n)}\`${d.secret ? ` (or \`${envName(n)}_FILE\`)` : ''}`;
    return `| \`${n}\` | ${env} | \`${fmt(d.default)}\` | ${d.help.replace(/\|/g, '\\|')} |`;
  });
  return ['| setting | environment | default | meaning |', '|---|---|---|---|', ...rows].join('\n');
}

/** settings.example.ts: every setting, commented out with its default, secrets read from the environment. */
export function settingsExample(): string {
  const lines = [
    '// Delve settings. Copy to settings.ts (git-ignored) in DELVE_HOME and uncomment what you change.',
    '// Precedence: defaults < settings.ts < environment (DELVE_*; secrets also DELVE_*_FILE) < command-line flags.',
    '// Never write secrets here: read them from the environment, as SECRET_KEY below does.',
    '// `./fl check` prints every effective value and where it came from.',
    '',
    'export default (env: Record<string, string | undefined>) => ({',
    '  // Generate with: ./fl gen-secret-key',
    '  SECRET_KEY: env.DELVE_SECRET_KEY ?? null,',
  ];
  let group = '';
  for (const n of SETTING_NAMES) {
    if (n === 'SECRET_KEY') continue;
    const d = SETTINGS[n];
    if (d.group !== group) {
      group = d.group;
      lines.push('', `  // --- ${group}`);
    }
    lines.push(`  // ${d.help}`);
    lines.push(`  // ${n}: ${fmt(d.default) === 'unset' ? 'null' : fmt(d.default)},`);
  }
  lines.push('});', '');
  return lines.join('\n');
}
