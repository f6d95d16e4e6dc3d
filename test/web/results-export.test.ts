import { describe, expect, it } from 'vitest';
import { csvCell, exportFileName, flatTable, ndjsonRecords, neutraliseFormula, toCsv, toJson, toNdjson } from '../../web/src/features/results/export-format';
import { detectShape } from '../../web/src/features/results/shape';

describe('CSV', () => {
  it('escapes per RFC 4180 with CRLF line ends', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell({ a: 1, b: 'x' })).toBe('"{""a"":1,""b"":""x""}"');
    expect(toCsv({ columns: ['a', 'b'], rows: [[1, 'x'], [null, 'y,z']] })).toBe('a,b\r\n1,x\r\n,"y,z"\r\n');
  });
  it('neutralises spreadsheet formulas in text cells (not in numbers)', () => {
    expect(neutraliseFormula('=1+1')).toBe("'=1+1");
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell('a=b')).toBe('a=b');
    expect(toCsv({ columns: ['=bad'], rows: [] })).toBe("'=bad\r\n");
  });
  it('writes big tables in chunks that join to the same text', () => {
    const rows = Array.from({ length: 2500 }, (_, i) => [i]);
    const text = toCsv({ columns: ['n'], rows });
    expect(text.split('\r\n')).toHaveLength(2502);
  });
});

describe('JSON and NDJSON', () => {
  it('NDJSON has one value per line', () => {
    expect(toNdjson([{ a: 1 }, 'x', null])).toBe('{"a":1}\n"x"\nnull\n');
    expect(toJson({ a: 1 })).toBe('{\n  "a": 1\n}\n');
  });
  it('flattens every shape for CSV and NDJSON', () => {
    const rows = detectShape([{ a: 1 }, { b: 'x', a: 2 }]);
    expect(flatTable(rows)).toEqual({ columns: ['a', 'b'], rows: [[1, undefined], [2, 'x']] });
    expect(toCsv(flatTable(rows))).toBe('a,b\r\n1,\r\n2,x\r\n');
    expect(flatTable(detectShape(7))).toEqual({ columns: ['value'], rows: [[7]] });
    expect(flatTable(detectShape({ x: 1, y: 'z' }))).toEqual({ columns: ['x', 'y'], rows: [[1, 'z']] });
    const table = detectShape({ visualization: 'table', columns: [{ title: 'a' }], data: [['"x"']] });
    expect(flatTable(table)).toEqual({ columns: ['a'], rows: [['"x"']] });
    expect(ndjsonRecords(table, null)).toEqual([{ a: '"x"' }]);
    const chart = detectShape({ visualization: 'chartjs', type: 'bar', data: { labels: ['mon'], datasets: [{ label: 'n', data: [{ day: 'mon', n: 1 }] }] }, options: { parsing: { xAxisKey: 'day', yAxisKey: 'n' } } });
    expect(flatTable(chart)).toEqual({ columns: ['series', 'day', 'n'], rows: [['n', 'mon', 1]] });
    expect(ndjsonRecords(chart, null)).toEqual([{ series: 'n', day: 'mon', n: 1 }]);
    expect(ndjsonRecords(detectShape(5), 5)).toEqual([5]);
    expect(ndjsonRecords(detectShape([]), [])).toEqual([]);
  });
  it('names files with a timestamp', () => {
    expect(exportFileName('csv', new Date(2024, 0, 31, 9, 5, 7))).toBe('delve-results-20240131-090507.csv');
    expect(exportFileName('ndjson', new Date(2024, 11, 1, 23, 0, 0))).toBe('delve-results-20241201-230000.ndjson');
  });
});
