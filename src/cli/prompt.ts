import { createInterface } from 'node:readline';

/** Reads one line from stdin; on a terminal the typed characters are hidden when `hidden` is set. Prompts go to stderr. */
export async function prompt(question: string, opts: { hidden?: boolean } = {}): Promise<string | null> {
  const input = process.stdin;
  if (opts.hidden && input.isTTY) return readHidden(question);
  process.stderr.write(question);
  return readLine();
}

let lines: AsyncIterator<string> | undefined;
async function readLine(): Promise<string | null> {
  lines ??= createInterface({ input: process.stdin, terminal: false })[Symbol.asyncIterator]();
  const next = await lines.next();
  return next.done ? null : next.value;
}

function readHidden(question: string): Promise<string | null> {
  return new Promise((resolveLine) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    let buf = '';
    const done = (value: string | null): void => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      resolveLine(value);
    };
    const onData = (chunk: Buffer): void => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(buf);
        if (ch === '\u0003') { process.stderr.write('^C\n'); process.exit(130); }
        if (ch === '\u0004') return done(buf === '' ? null : buf);
        if (ch === '\u007f' || ch === '\b') buf = buf.slice(0, -1);
        else buf += ch;
      }
    };
    stdin.on('data', onData);
  });
}
