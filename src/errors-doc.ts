import { ERROR_CODES } from './errors.js';

/** docs/errors.md, generated from the registry (scripts/gen-docs.mjs; test/docs-sync.test.ts keeps it in sync). */
export function errorsMarkdown(): string {
  const head = [
    '# Error codes',
    '',
    'Every error Delve reports carries a stable `DLV_*` code. API errors answer `{"error": {"code", "message", "field"?}}` with',
    'the HTTP status below; the CLI prints `error: <message> [<code>]` and exits 1 (2 for usage errors). Messages say what to',
    'fix; they never contain secrets or stack traces.',
    '',
    '| code | HTTP status | meaning |',
    '|---|---|---|',
  ];
  const rows = Object.entries(ERROR_CODES).map(([code, v]) => `| \`${code}\` | ${v.status} | ${v.summary} |`);
  return `${[...head, ...rows].join('\n')}\n`;
}
