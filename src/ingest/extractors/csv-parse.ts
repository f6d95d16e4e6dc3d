/**
 * RFC 4180 CSV parsing: comma-separated fields, records ending in CRLF, LF or CR, double-quoted
 * fields that may contain commas, line breaks and doubled quotes (`""`). Lenient where Python's csv
 * module is: a quote inside an unquoted field is literal, and text after a closing quote is appended
 * to the field. Blank lines are skipped (a record holding one empty field is written `""`).
 */
import { extractFailed, extractLimit } from './limits.js';

export interface CsvLimits {
  /** Maximum number of fields (cells) over all records; unlimited by default. */
  readonly maxCells?: number;
}

/**
 * Parses CSV text into records of string fields.
 * @throws DelveError DLV_EXTRACT_FAILED for an unterminated quoted field, DLV_EXTRACT_LIMIT when
 *   there are more than `limits.maxCells` fields.
 */
export function parseCsv(text: string, limits: CsvLimits = {}): string[][] {
  const maxCells = limits.maxCells ?? Infinity;
  const records: string[][] = [];
  const n = text.length;
  let row: string[] = [];
  let cells = 0;
  let i = 0;
  let line = 1;

  const pushField = (field: string): void => {
    if (++cells > maxCells) throw extractLimit(`The CSV text has more than ${maxCells} fields (the extraction limit).`);
    row.push(field);
  };

  while (i < n) {
    let field = '';
    let quoted = false;
    if (text.charCodeAt(i) === 0x22) {
      quoted = true;
      const startLine = line;
      i++;
      for (;;) {
        const j = text.indexOf('"', i);
        if (j < 0) throw extractFailed(`Unterminated quoted CSV field starting on line ${startLine}.`);
        const chunk = text.slice(i, j);
        line += countLineBreaks(chunk);
        field += chunk;
        if (text.charCodeAt(j + 1) === 0x22) {
          field += '"';
          i = j + 2;
        } else {
          i = j + 1;
          break;
        }
      }
    }
    // Unquoted field, or (lenient) text after a closing quote: up to the next comma or line break.
    let j = i;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 0x2c || c === 0x0a || c === 0x0d) break;
      j++;
    }
    field += text.slice(i, j);
    i = j;
    const c = i < n ? text.charCodeAt(i) : -1;
    if (c === 0x2c) {
      pushField(field);
      i++;
      if (i === n) pushField(''); // "a," ends with an empty last field
      continue;
    }
    // End of record (line break or end of text). A lone empty unquoted field is a blank line: skipped.
    if (row.length > 0 || quoted || field !== '') {
      pushField(field);
      records.push(row);
    }
    row = [];
    if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
    if (c >= 0) {
      i++;
      line++;
    }
  }
  if (row.length > 0) records.push(row);
  return records;
}

function countLineBreaks(s: string): number {
  let count = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 0x0a || (c === 0x0d && s.charCodeAt(k + 1) !== 0x0a)) count++;
  }
  return count;
}
