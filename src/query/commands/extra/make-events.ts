/**
 * `make_events [-i INDEX] [-o HOST] [-s SOURCE] [-t SOURCETYPE] [-S|--save] [-d F]…` (reference §6.6): one event per
 * input row. An option value starting with `$` names a row field (`-i $idx`; only the leading `$` is stripped — the
 * original removed every `$`, §12 #17); other values are literal. `text` is the JSON of the row minus the dropped
 * fields (Dates, bigints, bytes serialise fine), `extracted_fields` the same object. Needs add_event; writing to an
 * index needs write access to it; `--save` stores the events through the runtime's event writer.
 */
import { DelveError } from '../../../errors.js';
import { uuidv7 } from '../../../util/uuid7.js';
import { defineCommand } from '../../args/index.js';
import type { ExecContext, PipelineValue } from '../../runtime/types.js';
import type { CommandDef } from '../command.js';
import { checkWriteAccess, saveEvents, type EventRecord } from './event-record.js';
import { toJsonSafe } from './json-safe.js';

const spec = defineCommand({
  name: 'make_events',
  description: 'Turn each input row into an event (optionally saved). Option values starting with $ name a row field.',
  args: [
    { flags: ['-i', '--index'], default: 'default', metavar: 'INDEX', help: 'index (literal, or $field)' },
    { flags: ['-o', '--host'], default: '127.0.0.1', metavar: 'HOST', help: 'host (literal, or $field)' },
    { flags: ['-s', '--source'], default: 'events', metavar: 'SOURCE', help: 'source (literal, or $field)' },
    { flags: ['-t', '--sourcetype'], default: 'json', metavar: 'SOURCETYPE', help: 'sourcetype (literal, or $field)' },
    { flags: ['-S', '--save'], action: 'store_true', help: 'store the events' },
    { flags: ['-d', '--drop'], action: 'append', metavar: 'F', help: 'leave field F out of the event' },
  ],
});

const FIELDS = ['index', 'host', 'source', 'sourcetype'] as const;
const DEFAULTS: Record<(typeof FIELDS)[number], string> = { index: 'default', host: '127.0.0.1', source: 'events', sourcetype: 'json' };

/** The option value for a row: `$name` → the row's field (missing → null), anything else literal. */
export function substitute(option: string, row: Record<string, unknown>): string | null {
  if (!option.startsWith('$')) return option;
  const name = option.slice(1);
  if (!Object.hasOwn(row, name)) return null;
  const v = row[name];
  if (v === null || v === undefined) return null;
  const safe = toJsonSafe(v);
  return typeof safe === 'string' ? safe : JSON.stringify(safe);
}

function rowsOf(input: PipelineValue): Record<string, unknown>[] {
  if (input === null) return [];
  const list = Array.isArray(input) ? input : [input];
  return list.map((r, i) => {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) throw new DelveError('DLV_QUERY_TYPE', `make_events needs rows (objects); item ${i + 1} is not one.`);
    return r as Record<string, unknown>;
  });
}

async function runMakeEvents(ctx: ExecContext, input: PipelineValue, args: Record<string, unknown>): Promise<EventRecord[]> {
  const drop = new Set(((args['drop'] as string[] | null) ?? []).map(String));
  const save = args['save'] === true;
  const records = rowsOf(input).map((row): EventRecord => {
    const kept: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) if (!drop.has(k)) kept[k] = v;
    const fields = toJsonSafe(kept) as Record<string, unknown>;
    const meta = Object.fromEntries(FIELDS.map((f) => {
      const v = substitute(String(args[f] ?? DEFAULTS[f]), row);
      return [f, v ?? (save ? DEFAULTS[f] : null)];
    })) as Record<(typeof FIELDS)[number], string>;
    return { id: uuidv7(), created: null, ...meta, text: JSON.stringify(fields), extracted_fields: fields };
  });
  checkWriteAccess(ctx, records.map((r) => r.index).filter((i): i is string => typeof i === 'string'));
  return save ? saveEvents(ctx, records) : records;
}

export const makeEvents: CommandDef = { kind: 'generic', permission: 'add_event', spec, run: runMakeEvents };
