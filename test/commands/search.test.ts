/** search — reference §6.1: terms (§5.1), full-text words, time flags, ordering, limit/offset, latest. */
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENTS, expectCmdError, expectHelp, spanText, useHarness } from './harness.js';

const h = useHarness();
const n = (t: string) => h.ok<number>(`${t} | qs_count`);

describe('search', () => {
  it('returns full event rows newest first with user_id', async () => {
    const r = await h.ok<Record<string, unknown>[]>('search index=app');
    expect(r.map((x) => x['text'])).toEqual(EVENTS.filter((e) => e.index === 'app').map((e) => e.text).reverse());
    expect(Object.keys(r[0]!).sort()).toEqual(['created', 'extracted_fields', 'host', 'id', 'index', 'source', 'sourcetype', 'text', 'user_id']);
    expect(r[0]!['user_id']).toBe(h.users.alice.id);
  });

  it('terms AND together; ! excludes; lookups and JSON paths; values cast', async () => {
    expect(await n('search index=web host=web1')).toBe(2);
    expect(await n('search index=web !host=web1')).toBe(4);
    expect(await n('search extracted_fields__status__gte=404')).toBe(2);
    expect(await n('search extracted_fields__status=503')).toBe(0);
    expect(await n(`search extracted_fields__status='"503"'`)).toBe(1);
    expect(await n('search host__startswith=app source__in=["app.log"]')).toBe(4);
    expect(await n('search created__minute__range=(2,4)')).toBe(3);
    expect(await n('search extracted_fields__has_key=error')).toBe(1);
    expect(await n('search extracted_fields__level__isnull=True')).toBe(EVENTS.filter((e) => !('level' in e.extracted_fields)).length);
  });

  it('bare words are full-text terms; quoted phrases too', async () => {
    expect(await n('search refused')).toBe(2);
    expect(await n('search index=app refused')).toBe(1);
    expect(await n('search "connection refused"')).toBe(2);
    expect(await n('search ünïcödé')).toBe(1);
  });

  it('--order-by, --limit and --offset', async () => {
    expect(await h.ok('search index=web --order-by created --limit 2 | select host')).toEqual([{ host: 'web1' }, { host: 'web1' }]);
    expect(await h.ok('search index=web --order-by=-created --limit 1 --offset 1 | select text')).toEqual([{ text: 'GET /café 200 ok ünïcödé' }]);
    expect(await h.ok('search index=web --order-by host --order-by=-created --limit 2 | select text')).toEqual([{ text: 'GET /about 200 ok' }, { text: 'GET /index.html 200 ok' }]);
  });

  it('--latest and --latest-by', async () => {
    expect(await h.ok('search index=web --latest | select text')).toEqual([{ text: 'timeout while reading' }]);
    expect(await h.ok('search index=nosuch --latest')).toEqual([]);
    const by = await h.ok<Record<string, unknown>[]>('search index=app --latest-by host | select host text');
    expect(by).toEqual([{ host: 'app2', text: 'job failed | pipe' }, { host: 'app1', text: 'job done' }]);
  });

  it('time flags and --older-than/--newer-than', async () => {
    expect(await n('search --last-hour')).toBe(0);
    expect(await n('search --newer-than 2024-01-15T10:09:30Z')).toBe(2);
    expect(await n('search --older-than 2024-01-15T10:01:30Z')).toBe(2);
    expect(await n('search --last-h')).toBe(0); // unique prefix
  });

  it('hides internal indexes and honours ACLs', async () => {
    expect(await n('search index=_audit')).toBe(0);
    expect((await h.q('search', { user: 'nobody' })).status).toBe(403);
    expect(await n('search')).toBe(EVENTS.length);
  });

  describe('internal indexes (_audit) are left out unless the search names one', () => {
    const root = { user: 'root' as const };
    const audits = (): number => Number(h.store.sqlite.prepare(`SELECT count(*) FROM events WHERE "index" = '_audit'`).pluck().get());
    let auditRows = 0;
    const rootRows = async (rows: unknown[]): Promise<string> => `read_file --parse json ${await h.file(JSON.stringify(rows), undefined, 'root')} | drop_fields title url`;
    beforeAll(async () => {
      // real audit rows: the audit log mirrors every entry into the _audit index
      h.svc.record({ action: 'auth.login', outcome: 'success', actor: 'root' });
      h.svc.record({ action: 'auth.login', outcome: 'failure', actor: 'mallory' });
      auditRows = audits();
      expect(auditRows).toBeGreaterThanOrEqual(2);
    });

    it('a superuser\'s plain search (and qs_count, join, run_query) leaves them out', async () => {
      const rows = await h.ok<Record<string, unknown>[]>('search', root);
      expect(rows).toHaveLength(EVENTS.length);
      expect(rows.some((r) => String(r['index']).startsWith('_'))).toBe(false);
      expect(await h.ok('search | qs_count', root)).toBe(EVENTS.length);
      expect(await h.ok('search auth.login | qs_count', root)).toBe(0);
      expect(await h.ok('search !index=_audit | qs_count', root)).toBe(EVENTS.length);
      expect(await h.ok('search | qs_values index | qs_distinct | qs_order_by index', root)).toEqual([{ index: 'app' }, { index: 'web' }]);
      expect(await h.ok('search --latest-by index | qs_count', root)).toBe(2);
      expect(await h.ok('search | qs_filter index=_audit | qs_count', root)).toBe(0);
      const left = await rootRows([{ h: 'delve' }]); // audit events have host "delve"
      expect(await h.ok(`${left} | join -f h,host`, root)).toEqual([{ h: 'delve' }]);
      expect((await h.q('search | qs_count', { name: 'root-all', _save: true, user: 'root' })).status).toBe(200);
      expect(await h.ok('run_query root-all', root)).toBe(EVENTS.length);
    });

    it('a superuser\'s search that names an internal index finds the audit rows', async () => {
      expect(await h.ok('search index=_audit | qs_count', root)).toBe(auditRows);
      expect(await h.ok('search --index _audit | qs_count', root)).toBe(auditRows);
      expect(await h.ok('search index=_audit extracted_fields__action=auth.login extracted_fields__outcome=failure | select extracted_fields__actor', root))
        .toEqual([{ extracted_fields__actor: 'mallory' }]);
      expect(await h.ok('search index__startswith=_ | qs_count', root)).toBe(auditRows);
      expect(await h.ok('search index__in=[web,_audit] | qs_count', root)).toBe(auditRows + 6);
      expect(await h.ok('search index__regex=^_aud | qs_count', root)).toBe(auditRows);
      const joined = await h.ok<Record<string, unknown>[]>(`${await rootRows([{ h: 'delve' }])} | join -f h,host index=_audit`, root);
      expect(joined).toHaveLength(auditRows);
      expect(joined.every((r) => r['index'] === '_audit')).toBe(true);
    });

    it('others still cannot read them, named or not', async () => {
      for (const user of ['alice', 'reader'] as const) {
        expect(await h.ok('search index=_audit | qs_count', { user })).toBe(0);
        expect(await h.ok('search index__startswith=_ | qs_count', { user })).toBe(0);
        expect(await h.ok('search | qs_count', { user })).toBe(EVENTS.length);
      }
    });
  });

  it('empty match gives []', async () => {
    expect(await h.ok('search index=nosuch')).toEqual([]);
  });

  it('answers -h', async () => { await expectHelp(h, 'search', ['--latest-by F', '--last-15-minutes']); });

  it('errors: not first, both --latest flags, two time flags, unknown fields, bad model, secrets', async () => {
    const q = 'fake_data --list-of-dicts | search';
    const e = await h.fail(q);
    expect(e.message).toBe('Search must appear as the first search command.');
    expect(spanText(q, e)).toBe('search');
    expect((await h.fail('search --latest --latest-by host')).command?.name).toBe('search');
    expectCmdError(await h.fail('search --last-hour --last-day'), 'DLV_QUERY_ARGUMENT', 'search', 0);
    expectCmdError(await h.fail('search nosuch=1'), 'DLV_QUERY_UNKNOWN_FIELD', 'search', 0);
    expect((await h.fail('search --model auth.User')).command?.name).toBe('search');
    expect((await h.q('search user__password__startswith=a')).status).toBeGreaterThanOrEqual(400);
    expectCmdError(await h.fail('search --limit x'), 'DLV_QUERY_ARGUMENT', 'search', 0);
  });
});
