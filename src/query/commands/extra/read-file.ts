/**
 * `read_file NAME [--parse csv|json|jsonl|xml] [--allow-escape]` (reference §6.1): the caller's uploaded file by
 * title (owner-scoped), parsed with the ingest extractors' safe parsers (size, depth and node limits; no XML
 * entities). Rows carry `title` and `url` (the download URL) except for xml.
 */
import { DelveError, isDelveError } from '../../../errors.js';
import { parseCsv, parseJsonLimited, parseXml } from '../../../ingest/extractors/index.js';
import { defineCommand } from '../../args/index.js';
import { findOwnFileByTitle, readStoredFile } from '../../saved/index.js';
import type { ExecContext, PipelineValue } from '../../runtime/types.js';
import type { CommandDef } from '../command.js';

const spec = defineCommand({
  name: 'read_file',
  description: 'Read one of your uploaded files (by title), optionally parsed as csv, json, jsonl or xml.',
  args: [
    { name: 'name', metavar: 'NAME', help: 'the file title' },
    { flags: ['--parse'], choices: ['csv', 'json', 'jsonl', 'xml'], help: 'how to parse the content' },
    { flags: ['--allow-escape'], action: 'store_true', help: 'jsonl: retry unparsable lines with backslashes doubled' },
  ],
});

/** Limits for parsing a whole file (larger than an event's). */
export const READ_LIMITS = { maxDepth: 64, maxFields: 2_000_000, maxNodes: 2_000_000 };
const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function withBase(base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base };
  for (const [k, v] of Object.entries(extra)) if (!UNSAFE.has(k)) out[k] = v;
  return out;
}

/** Parses `text` into rows (see the module doc); parser errors become DLV_FILE_PARSE. */
export function parseFileRows(text: string, parse: string | null, base: { title: string; url: string }, allowEscape: boolean, maxBytes: number): Record<string, unknown>[] {
  const json = (t: string) => parseJsonLimited(t, { maxBytes, maxDepth: READ_LIMITS.maxDepth, maxFields: READ_LIMITS.maxFields });
  try {
    switch (parse) {
      case 'csv': {
        const [header = [], ...records] = parseCsv(text, { maxCells: READ_LIMITS.maxFields });
        return records.map((rec) => withBase(base, Object.fromEntries(header.map((h, i) => [h, rec[i] ?? '']))));
      }
      case 'json': {
        const v = json(text);
        if (Array.isArray(v)) return v.map((el) => (isObj(el) ? withBase(base, el) : { ...base, content: el }));
        return [{ ...base, content: v }];
      }
      case 'jsonl': {
        const rows: Record<string, unknown>[] = [];
        for (const line of text.split(/\r?\n/)) {
          if (line.trim() === '') continue;
          let v: unknown;
          try {
            v = json(line);
          } catch (e) {
            if (!(isDelveError(e) && e.code === 'DLV_EXTRACT_FAILED')) throw e;
            try {
              v = allowEscape ? json(line.replace(/\\/g, '\\\\')) : line;
            } catch (e2) {
              if (!(isDelveError(e2) && e2.code === 'DLV_EXTRACT_FAILED')) throw e2;
              v = line;
            }
          }
          if (Array.isArray(v)) for (const el of v) rows.push({ ...base, content: el });
          else rows.push({ ...base, content: v });
        }
        return rows;
      }
      case 'xml':
        return [parseXml(text, { maxBytes, maxDepth: READ_LIMITS.maxDepth, maxNodes: READ_LIMITS.maxNodes })];
      default:
        return [{ ...base, content: text.match(/[^\n]*\n|[^\n]+$/g) ?? [] }];
    }
  } catch (e) {
    if (isDelveError(e) && (e.code === 'DLV_EXTRACT_FAILED' || e.code === 'DLV_EXTRACT_LIMIT')) {
      throw new DelveError('DLV_FILE_PARSE', `read_file "${base.title}" --parse ${parse}: ${e.message.replace(/event text/g, 'file')}`, { field: 'parse' });
    }
    throw e;
  }
}

async function runReadFile(ctx: ExecContext, _input: PipelineValue, args: Record<string, unknown>): Promise<Record<string, unknown>[]> {
  const svc = ctx.services;
  if (!svc) throw new DelveError('DLV_INTERNAL', 'read_file needs server services.');
  const title = String(args['name']);
  const file = await findOwnFileByTitle(svc.store, ctx.user.id, title);
  if (!file) throw new DelveError('DLV_SAVED_NOT_FOUND', `You have no file titled "${title}"; upload it at /api/files/ first.`, { field: 'name' });
  const maxBytes = svc.settings.DELVE_MAX_UPLOAD_SIZE;
  const buf = await readStoredFile(svc.settings.DELVE_MEDIA_ROOT, file, maxBytes);
  const base = (svc.settings.DELVE_PUBLIC_URL ?? '').replace(/\/$/, '');
  const url = `${base}/api/files/${file.id}/download`;
  return parseFileRows(buf.toString('utf8'), (args['parse'] as string | null) ?? null, { title: file.title, url }, args['allow_escape'] === true, Math.max(maxBytes, 1));
}

export const readFileCommand: CommandDef = { kind: 'source', permission: 'view_file', spec, run: runReadFile };
