// Regenerates docs/commands.md (the query command reference) from the commands' own argument definitions, so help
// text and docs cannot drift. Run after `./fl --help` has built dist/: `node scripts/gen-commands-doc.mjs`.
// test/commands-doc.test.ts fails when docs/commands.md is stale.
import { writeFileSync } from 'node:fs';
import { commandsMarkdown } from '../dist/query/runtime/commands-doc.js';

const root = new URL('..', import.meta.url).pathname;
writeFileSync(`${root}docs/commands.md`, commandsMarkdown());
console.log('docs/commands.md regenerated');
