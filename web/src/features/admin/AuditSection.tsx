/** /admin/audit: filter and page through the audit log; chain status and "Verify chain". Superusers only. */
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import { ErrorBanner, Field, fmtTime, Spinner } from '../../ui';
import type { AuditRow, AuditVerify, SecurityStatus } from './admin-types';
import { AUDIT_OUTCOMES, auditFilterErrors, auditQueryString, detailsText, EMPTY_AUDIT_FILTERS, type AuditFilters } from './audit-query';
import { Pager, SelectField, TableWrap } from './controls';
import { useLoad } from './useLoad';

const LIMIT = 50;
const KNOWN_ACTIONS = [
  'auth.*', 'auth.login', 'auth.logout', 'auth.lockout', 'auth.password_change', 'auth.password_reset', 'auth.token',
  'user.*', 'user.create', 'user.update', 'user.disable', 'user.delete', 'user.password_reset_link',
  'group.*', 'group.create', 'group.update', 'group.delete', 'permission.denied',
  'token.*', 'token.create', 'token.revoke', 'key.rotation', 'tls.reload', 'settings.warning', 'audit.verify',
];

const outcomeClass = (o: string): string => (o === 'success' ? 'badge badge-ok' : o === 'failure' || o === 'denied' ? 'badge badge-bad' : 'badge');

function ChainStatus() {
  const initial = useLoad((signal) => api<SecurityStatus>('/api/security/status', { signal }).then((s) => s.audit), 'audit');
  const [result, setResult] = useState<AuditVerify | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const verify = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api<AuditVerify>('/api/audit/verify'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const shown: AuditVerify | null = result ?? (initial.data ? { ok: initial.data.ok, rows: initial.data.rows, ...(initial.data.broken_at != null ? { brokenAt: initial.data.broken_at } : {}) } : null);
  return (
    <section className="card adm-chain" aria-labelledby="adm-chain-title">
      <h2 id="adm-chain-title">Integrity chain</h2>
      <div className="row" aria-live="polite">
        {shown === null ? <span className="muted">{initial.loading ? 'Loading chain status…' : 'Not verified yet.'}</span>
          : shown.ok ? <><span className="badge badge-ok">intact</span><span>{shown.rows} row{shown.rows === 1 ? '' : 's'} verified{result ? ' just now' : ''}.</span></>
            : <><span className="badge badge-bad">broken</span><span>Broken at row {shown.brokenAt ?? '?'} ({shown.rows} row{shown.rows === 1 ? '' : 's'} verified before it){shown.reason ? `: ${shown.reason}` : '.'}</span></>}
        <button type="button" className="btn" disabled={busy} onClick={() => { void verify(); }}>{busy ? 'Verifying…' : 'Verify chain'}</button>
      </div>
      <ErrorBanner error={error} />
    </section>
  );
}

export function AuditSection() {
  const [draft, setDraft] = useState<AuditFilters>(EMPTY_AUDIT_FILTERS);
  const [applied, setApplied] = useState<AuditFilters>(EMPTY_AUDIT_FILTERS);
  const [offset, setOffset] = useState(0);
  const qs = auditQueryString(applied, { limit: LIMIT, offset });
  const rows = useLoad((signal) => api<Page<AuditRow>>(`/api/audit/?${qs}`, { signal }), qs);
  const errors = auditFilterErrors(draft);
  const set = (k: keyof AuditFilters) => (e: { target: { value: string } }): void => setDraft({ ...draft, [k]: e.target.value });
  const apply = (e: FormEvent): void => {
    e.preventDefault();
    if (Object.keys(errors).length > 0) return;
    setApplied(draft);
    setOffset(0);
  };
  const page = rows.data;
  return (
    <div className="stack">
      <ChainStatus />
      <form className="card adm-filters" onSubmit={apply} aria-label="Audit log filters">
        <div className="adm-filter-grid">
          <Field label="Actor" name="actor" autoComplete="off" value={draft.actor} onChange={set('actor')} error={errors.actor} />
          <Field label="Action" name="action" autoComplete="off" list="adm-audit-actions" value={draft.action} onChange={set('action')} error={errors.action} hint="Exact, or a prefix like auth.*" />
          <SelectField label="Outcome" name="outcome" value={draft.outcome} onChange={set('outcome')} error={errors.outcome}>
            <option value="">Any</option>
            {AUDIT_OUTCOMES.map((o) => <option key={o} value={o}>{o}</option>)}
          </SelectField>
          <Field label="Since" name="since" type="datetime-local" value={draft.since} onChange={set('since')} error={errors.since} />
          <Field label="Until" name="until" type="datetime-local" value={draft.until} onChange={set('until')} error={errors.until} />
        </div>
        <datalist id="adm-audit-actions">{KNOWN_ACTIONS.map((a) => <option key={a} value={a} />)}</datalist>
        <div className="row">
          <button type="submit" className="btn btn-primary">Apply filters</button>
          <button type="button" className="btn" onClick={() => { setDraft(EMPTY_AUDIT_FILTERS); setApplied(EMPTY_AUDIT_FILTERS); setOffset(0); }}>Clear</button>
        </div>
      </form>
      <ErrorBanner error={rows.error} />
      {rows.loading && !page ? <Spinner label="Loading audit log" /> : null}
      {page ? (
        <>
          <TableWrap label="Audit log table">
            <table className="table adm-table adm-audit-table">
              <caption className="sr-only">Audit log, newest first</caption>
              <thead>
                <tr><th scope="col">#</th><th scope="col">Time</th><th scope="col">Actor</th><th scope="col">Action</th><th scope="col">Outcome</th><th scope="col">Target</th><th scope="col">IP</th><th scope="col">Details</th></tr>
              </thead>
              <tbody>
                {page.results.length === 0 ? <tr><td colSpan={8} className="muted">No audit rows match these filters.</td></tr> : null}
                {page.results.map((r) => (
                  <tr key={r.seq}>
                    <td className="adm-nowrap">{r.seq}</td>
                    <td className="adm-nowrap">{fmtTime(r.time || r.ts)}</td>
                    <td>{r.actor ?? <span className="muted">—</span>}</td>
                    <td className="cell-mono adm-nowrap">{r.action}</td>
                    <td><span className={outcomeClass(r.outcome)}>{r.outcome}</span></td>
                    <td className="cell-mono">{r.target ?? ''}</td>
                    <td className="cell-mono adm-nowrap">{r.ip ?? ''}</td>
                    <td className="cell-mono adm-details">{detailsText(r.details)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <Pager count={page.count} limit={LIMIT} offset={offset} onOffset={setOffset} label="Audit log" />
        </>
      ) : null}
    </div>
  );
}
