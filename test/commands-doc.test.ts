import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../src/query/runtime/index.js';
import { commandsMarkdown } from '../src/query/runtime/commands-doc.js';

const root = join(import.meta.dirname, '..');
const HINT = 'run `./fl --help && node scripts/gen-commands-doc.mjs` to regenerate';

describe('docs/commands.md is generated from the command definitions', () => {
  it(`matches the commands' own help (${HINT})`, () => {
    expect(readFileSync(join(root, 'docs/commands.md'), 'utf8')).toBe(commandsMarkdown());
  });

  it('documents every command and the stats sub-commands', () => {
    const md = commandsMarkdown();
    for (const d of defaultRegistry().all()) expect(md).toContain(`### ${d.spec.name}\n`);
    expect(md).toContain('### stats avg\n');
    expect(md).toContain('### stats count\n');
  });
});
