/** Explore's time range: presets → earliest, custom from/to → ISO bounds, URL round trip, share URL contents. */
import { describe, expect, it } from 'vitest';
import { parseContext } from '../../web/src/features/explore/context-json';
import {
  ALL_TIME, exploreUrl, parseLocal, rangeBounds, rangeFromParams, rangeToParams, toLocalInput, type TimeRange,
} from '../../web/src/features/explore/time-range';

const NOW = new Date('2024-05-01T12:00:00.000Z');

describe('rangeBounds', () => {
  it('sends nothing for all time', () => {
    expect(rangeBounds(ALL_TIME, NOW)).toEqual({ bounds: {} });
  });
  it('computes earliest for presets', () => {
    const at = (key: TimeRange['key']): unknown => rangeBounds({ key, from: '', to: '' }, NOW);
    expect(at('15m')).toEqual({ bounds: { earliest: '2024-05-01T11:45:00.000Z' } });
    expect(at('1h')).toEqual({ bounds: { earliest: '2024-05-01T11:00:00.000Z' } });
    expect(at('4h')).toEqual({ bounds: { earliest: '2024-05-01T08:00:00.000Z' } });
    expect(at('24h')).toEqual({ bounds: { earliest: '2024-04-30T12:00:00.000Z' } });
    expect(at('7d')).toEqual({ bounds: { earliest: '2024-04-24T12:00:00.000Z' } });
    expect(at('30d')).toEqual({ bounds: { earliest: '2024-04-01T12:00:00.000Z' } });
  });
  it('turns a custom local range into ISO instants and checks it', () => {
    const from = '2024-01-02T03:04';
    const to = '2024-01-03T00:00:30';
    const r = rangeBounds({ key: 'custom', from, to }, NOW);
    expect(r).toEqual({ bounds: { earliest: new Date(from).toISOString(), latest: new Date(to).toISOString() } });
    expect(rangeBounds({ key: 'custom', from, to: '' }, NOW)).toEqual({ bounds: { earliest: new Date(from).toISOString() } });
    expect(rangeBounds({ key: 'custom', from: to, to: from }, NOW)).toEqual({ error: 'From must be before To.' });
    expect(rangeBounds({ key: 'custom', from: 'yesterday', to: '' }, NOW)).toEqual({ error: 'From is not a valid date and time.' });
  });
});

describe('URL state', () => {
  it('round-trips presets and custom ranges', () => {
    const preset: TimeRange = { key: '7d', from: '', to: '' };
    expect(rangeFromParams(new URLSearchParams(rangeToParams(preset)))).toEqual(preset);
    const custom: TimeRange = { key: 'custom', from: '2024-01-02T03:04', to: '2024-02-03T04:05:06' };
    const params = new URLSearchParams(rangeToParams(custom));
    expect(params.get('from')).toBe(new Date(custom.from).toISOString());
    expect(rangeFromParams(params)).toEqual(custom);
    expect(rangeFromParams(new URLSearchParams('range=bogus'))).toEqual(ALL_TIME);
  });
  it('builds a share URL with only the text and the range', () => {
    expect(exploreUrl('search index=web | head 5', { key: '1h', from: '', to: '' })).toBe('/explore?text=search+index%3Dweb+%7C+head+5&range=1h');
    expect(exploreUrl('', ALL_TIME)).toBe('/explore');
  });
  it('converts between Date and datetime-local values', () => {
    const d = parseLocal('2024-03-04T05:06:07');
    expect(d && toLocalInput(d)).toBe('2024-03-04T05:06:07');
    expect(parseLocal('2024-03-04')).toBeUndefined();
  });
});

describe('parseContext', () => {
  it('accepts empty text and JSON objects only', () => {
    expect(parseContext('  ')).toEqual({ ok: true, value: undefined });
    expect(parseContext('{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseContext('[1]')).toMatchObject({ ok: false });
    expect(parseContext('{a: 1}')).toMatchObject({ ok: false, error: expect.stringContaining('Not valid JSON') });
  });
});
