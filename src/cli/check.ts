import type { Command } from 'commander';
import { SETTINGS, SETTING_NAMES } from '../config/schema.js';
import { createContext, type GlobalOptions } from './context.js';

function shown(name: (typeof SETTING_NAMES)[number], value: unknown): string {
  if (SETTINGS[name].secret) {
    if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) return String(Array.isArray(value) ? '[]' : value);
    return Array.isArray(value) ? `[${value.map(() => '********').join(', ')}]` : '********';
  }
  return JSON.stringify(value);
}

export function register(program: Command): void {
  program
    .command('check')
    .description('Validate the settings and print each effective value with its source (secrets masked).')
    .option('--deploy', 'instead, audit the deployment: one "CODE severity message — fix: ..." line per finding; exit 1 on any error')
    .option('--json', 'machine-readable output')
    .action(async (opts: { deploy?: boolean; json?: boolean }, cmd: Command) => {
      const ctx = await createContext(cmd.optsWithGlobals<GlobalOptions>());
      const { settings, sources } = ctx.loaded;
      if (!opts.deploy) {
        const rows = SETTING_NAMES.map((name) => ({ name, value: shown(name, settings[name]), source: sources[name] }));
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ home: settings.DELVE_HOME, settingsFile: ctx.loaded.settingsFile, settings: rows }, null, 2)}\n`);
        } else {
          process.stdout.write(`DELVE_HOME = ${settings.DELVE_HOME}\nsettings.ts: ${ctx.loaded.settingsFile ?? '(none)'}\n`);
          const width = Math.max(...rows.map((r) => r.name.length));
          for (const r of rows) process.stdout.write(`${r.name.padEnd(width)} = ${r.value}  [${r.source}]\n`);
          process.stdout.write('Settings OK.\n');
        }
        return;
      }
      const [{ deployFindings }, { tlsFindingSource }] = await Promise.all([import('../security/checks/index.js'), import('../security/checks/tls-checks.js')]);
      const findings = deployFindings(ctx.loaded, ctx.env, [tlsFindingSource]);
      if (opts.json) process.stdout.write(`${JSON.stringify(findings, null, 2)}\n`);
      else for (const f of findings) process.stdout.write(`${f.code} ${f.severity} ${f.message} — fix: ${f.fix}\n`);
      const errors = findings.filter((f) => f.severity === 'error').length;
      if (!opts.json) process.stdout.write(`${findings.length} finding(s), ${errors} error(s).\n`);
      if (errors > 0) process.exitCode = 1;
    });
}
