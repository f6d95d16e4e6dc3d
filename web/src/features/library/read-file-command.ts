/**
 * The `read_file` command text for an uploaded file. From src/query/commands/extra/read-file.ts:
 *   read_file NAME [--parse csv|json|jsonl|xml] [--allow-escape]
 * NAME is the file's *title* (owner-scoped), not its id. The query text goes through the template stage
 * (`{{`, `{%`, `{#` are template syntax) and a POSIX-shell-style tokenizer, so titles are quoted accordingly.
 * Pure: unit-tested in test/web/library-read-file.test.ts.
 */
export type ParseFormat = 'csv' | 'json' | 'jsonl' | 'xml';

const BY_EXTENSION: Record<string, ParseFormat> = {
  csv: 'csv', json: 'json', jsonl: 'jsonl', ndjson: 'jsonl', jsonlines: 'jsonl', xml: 'xml',
};

/** The `--parse` format suggested by a title's extension (`null`: read raw lines). */
export function parseFormatFor(title: string): ParseFormat | null {
  const m = /\.([A-Za-z0-9]+)$/.exec(title.trim());
  return (m ? BY_EXTENSION[m[1]!.toLowerCase()] : undefined) ?? null;
}

/** Characters that never need quoting in a query word. */
const BARE = /^[A-Za-z0-9_.,:@%+=/-]+$/;

/**
 * One query word that tokenizes back to exactly `word`: bare when safe, else single-quoted (`'` becomes `'\''`).
 * Template openers (`{{`, `{%`, `{#`) are split with an empty quoted pair (`{''{`) so the template stage leaves
 * them alone; the tokenizer joins the adjacent quoted parts back together.
 */
export function quoteWord(word: string): string {
  if (word !== '' && BARE.test(word)) return word;
  const body = word.replace(/'/g, `'\\''`).replace(/\{(?=[{%#])/g, "{''");
  return `'${body}'`;
}

/** `read_file <title> [--parse fmt]`; a title starting with "-" goes after `--` so it is not taken as an option. */
export function readFileCommand(title: string, parse: ParseFormat | null = parseFormatFor(title)): string {
  const opt = parse ? ` --parse ${parse}` : '';
  if (title.startsWith('-')) return `read_file${opt} -- ${quoteWord(title)}`;
  return `read_file ${quoteWord(title)}${opt}`;
}
