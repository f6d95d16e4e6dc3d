/** /admin/security: the `check --deploy` findings and the state of keys, TLS, database encryption, DEBUG and audit. */
import type { ReactNode } from 'react';
import { api } from '../../api/client';
import { Link } from '../../app/router';
import { ErrorBanner, fmtTime, Spinner } from '../../ui';
import type { SecurityStatus } from './admin-types';
import { badgeClass, certLevel, daysLeftText, groupFindings, SEVERITY_LABELS, severityLevel, type BadgeLevel } from './security-model';
import { useLoad } from './useLoad';

const MANUAL = '/docs/admin/security.md';

function Badge({ level, children }: { level: BadgeLevel; children: ReactNode }) {
  return <span className={badgeClass(level)}>{children}</span>;
}

function Item({ term, children }: { term: string; children: ReactNode }) {
  return <div className="adm-dl-row"><dt>{term}</dt><dd>{children}</dd></div>;
}

const yesNo = (v: unknown): string => (v === true ? 'yes' : v === false ? 'no' : v === null || v === undefined || v === '' ? 'not set' : String(v));

export function SecuritySection() {
  const status = useLoad((signal) => api<SecurityStatus>('/api/security/status', { signal }), 'status');
  const s = status.data;
  if (!s) return <div className="stack"><ErrorBanner error={status.error} />{status.loading ? <Spinner label="Loading security status" /> : null}</div>;
  const groups = groupFindings(s.findings);
  const count = (sev: string): number => s.findings.filter((f) => f.severity === sev).length;
  const tls = s.tls;
  return (
    <div className="stack">
      <div className="row adm-sec-summary">
        <Badge level={count('error') > 0 ? 'bad' : 'ok'}>{count('error')} error{count('error') === 1 ? '' : 's'}</Badge>
        <Badge level={count('warning') > 0 ? 'warn' : 'ok'}>{count('warning')} warning{count('warning') === 1 ? '' : 's'}</Badge>
        <Badge level="neutral">{count('info')} info</Badge>
        <button type="button" className="btn btn-sm" disabled={status.loading} onClick={status.reload}>Refresh</button>
        <span className="muted">What each finding means and how to fix it: <Link to={MANUAL}>Security manual</Link>.</span>
      </div>

      <section className="card" aria-labelledby="adm-findings-title">
        <h2 id="adm-findings-title">Deployment findings</h2>
        {groups.length === 0 ? <p><Badge level="ok">ok</Badge> No findings: every deployment check passes.</p> : null}
        {groups.map((g) => (
          <div key={g.severity} className="adm-finding-group">
            <h3>{SEVERITY_LABELS[g.severity]} ({g.findings.length})</h3>
            <ul className="adm-findings">
              {g.findings.map((f, i) => (
                <li key={`${f.code}-${i}`} className={`adm-finding adm-finding-${g.severity}`}>
                  <div className="row">
                    <Badge level={severityLevel(g.severity)}>{g.severity}</Badge>
                    <code className="adm-code">{f.code}</code>
                  </div>
                  <p className="adm-finding-msg">{f.message}</p>
                  {f.fix && !/^none\b/i.test(f.fix) ? <p className="hint">Fix: {f.fix}</p> : null}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>

      <div className="adm-sec-grid">
        <section className="card" aria-labelledby="adm-key-title">
          <h2 id="adm-key-title">Secret key</h2>
          <dl className="adm-dl">
            <Item term="Source">{s.key.source}</Item>
            <Item term="Strength"><Badge level={s.key.strong ? 'ok' : 'bad'}>{s.key.strong ? 'strong' : 'weak'}</Badge> {s.key.length} characters</Item>
            <Item term="Rotation">
              {s.key.fallbacks > 0
                ? <><Badge level="warn">{s.key.fallbacks} fallback key{s.key.fallbacks === 1 ? '' : 's'} active</Badge> Old keys still verify sessions, links and audit rows; remove them once rotation is complete.</>
                : <><Badge level="ok">no fallback keys</Badge> Not rotating.</>}
            </Item>
          </dl>
        </section>

        <section className="card" aria-labelledby="adm-tls-title">
          <h2 id="adm-tls-title">TLS</h2>
          <dl className="adm-dl">
            <Item term="HTTPS">{tls.enabled ? <Badge level="ok">on</Badge> : <Badge level="warn">off</Badge>}{tls.enabled && tls.module ? ` (${tls.module})` : ''}</Item>
            {tls.subject ? <Item term="Subject"><span className="cell-mono">{tls.subject}</span></Item> : null}
            {tls.issuer ? <Item term="Issuer"><span className="cell-mono">{tls.issuer}</span></Item> : null}
            {tls.not_after || tls.days_left !== undefined ? (
              <Item term="Expires">
                {tls.not_after ? `${fmtTime(tls.not_after)} ` : ''}
                <Badge level={certLevel(tls.days_left)}>{daysLeftText(tls.days_left)}</Badge>
              </Item>
            ) : null}
            {tls.enabled ? <Item term="Client certificates">{yesNo(tls.client_auth)}</Item> : null}
          </dl>
        </section>

        <section className="card" aria-labelledby="adm-state-title">
          <h2 id="adm-state-title">Server state</h2>
          <dl className="adm-dl">
            <Item term="Database encryption">{s.database.encrypted ? <Badge level="ok">encrypted</Badge> : <Badge level="warn">not encrypted</Badge>}</Item>
            <Item term="DEBUG">{s.debug ? <Badge level="bad">on</Badge> : <Badge level="ok">off</Badge>}</Item>
            <Item term="Audit chain">
              {s.audit.ok
                ? <><Badge level="ok">intact</Badge> {s.audit.rows} rows verified</>
                : <><Badge level="bad">broken</Badge> at row {s.audit.broken_at ?? '?'} ({s.audit.rows} rows verified before it)</>}
              {' '}<Link to="/admin/audit">Audit log</Link>
            </Item>
          </dl>
        </section>
      </div>
    </div>
  );
}
