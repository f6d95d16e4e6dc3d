// Regenerates the parts of the docs that come from the code: the README settings table, settings.example.ts and
// docs/errors.md. Run after `./fl --help` has built dist/: `node scripts/gen-docs.mjs`. test/docs-sync.test.ts fails
// when they drift.
import { readFileSync, writeFileSync } from 'node:fs';
import { settingsExample, settingsMarkdownTable } from '../dist/config/docs.js';
import { errorsMarkdown } from '../dist/errors-doc.js';

const root = new URL('..', import.meta.url).pathname;
const readme = readFileSync(`${root}README.md`, 'utf8');
const start = '<!-- settings:start -->';
const end = '<!-- settings:end -->';
const next = readme.replace(new RegExp(`${start}[\\s\\S]*${end}`), `${start}\n${settingsMarkdownTable()}\n${end}`);
writeFileSync(`${root}README.md`, next);
writeFileSync(`${root}settings.example.ts`, settingsExample());
writeFileSync(`${root}docs/errors.md`, errorsMarkdown());
console.log('README.md, settings.example.ts and docs/errors.md regenerated');
