/** A writable sink: `process.stdout`, a PassThrough in tests... */
export interface TextSink {
  write(chunk: string, cb?: (err?: Error | null) => void): unknown;
}

const HIDDEN_KEYS = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'name', 'v']);
const COLORS: Record<string, string> = {
  trace: '\x1b[90m', debug: '\x1b[36m', info: '\x1b[32m', warn: '\x1b[33m', error: '\x1b[31m', fatal: '\x1b[35m',
};
const RESET = '\x1b[0m';

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** Escapes control characters so logged text cannot forge lines or send terminal escape sequences. */
function escapeControls(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=\u0000-\u001f\u007f-\u009f]+$/.test(value) ? value : JSON.stringify(value);
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * Turns one JSON log line from pino into the compact human-readable form used on a terminal:
 * `HH:MM:SS LEVEL msg key=value ...` (local time; strings with spaces or quotes are JSON-quoted, objects are
 * JSON; pid, hostname and name are left out; control characters are escaped so a message cannot forge lines or
 * send terminal escape sequences). With `color`, the level is colored with ANSI codes.
 * A line that is not a JSON object is returned unchanged. Never throws.
 */
export function formatPrettyLine(jsonLine: string, color = false): string {
  let rec: unknown;
  try {
    rec = JSON.parse(jsonLine);
  } catch {
    return jsonLine.endsWith('\n') ? jsonLine : `${jsonLine}\n`;
  }
  if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) return `${jsonLine.trimEnd()}\n`;
  const r = rec as Record<string, unknown>;
  const t = new Date(typeof r.time === 'string' || typeof r.time === 'number' ? r.time : Date.now());
  const time = Number.isNaN(t.getTime()) ? '--:--:--' : `${two(t.getHours())}:${two(t.getMinutes())}:${two(t.getSeconds())}`;
  const label = typeof r.level === 'string' ? r.level : String(r.level ?? '');
  const levelText = label.toUpperCase().padEnd(5);
  const level = color && COLORS[label] !== undefined ? `${COLORS[label]}${levelText}${RESET}` : levelText;
  const parts = [time, level];
  if (typeof r.msg === 'string' && r.msg !== '') parts.push(escapeControls(r.msg));
  for (const [key, value] of Object.entries(r)) {
    if (!HIDDEN_KEYS.has(key) && value !== undefined) parts.push(`${escapeControls(key)}=${escapeControls(formatValue(value))}`);
  }
  return `${parts.join(' ')}\n`;
}

/** A pino destination that writes each JSON line to `out` in the {@link formatPrettyLine} form. */
export class PrettyStream {
  constructor(private readonly out: TextSink, private readonly color = false) {}

  write(chunk: string): boolean {
    // pino hands over exactly one line per call, but be tolerant of several.
    for (const line of chunk.split('\n')) if (line !== '') this.out.write(formatPrettyLine(line, this.color));
    return true;
  }
}
