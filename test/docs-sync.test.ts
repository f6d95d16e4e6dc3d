import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { settingsExample, settingsMarkdownTable } from '../src/config/docs.js';
import { errorsMarkdown } from '../src/errors-doc.js';

const root = join(import.meta.dirname, '..');
const read = (f: string): string => readFileSync(join(root, f), 'utf8');
const HINT = 'run `./fl --help && node scripts/gen-docs.mjs` to regenerate';

describe('generated documentation is in sync with the code', () => {
  it(`docs/errors.md lists every DLV_* code (${HINT})`, () => {
    expect(read('docs/errors.md')).toBe(errorsMarkdown());
  });
  it(`README's configuration table lists every setting (${HINT})`, () => {
    expect(read('README.md')).toContain(settingsMarkdownTable());
  });
  it(`settings.example.ts documents every setting (${HINT})`, () => {
    expect(read('settings.example.ts')).toBe(settingsExample());
  });
});
