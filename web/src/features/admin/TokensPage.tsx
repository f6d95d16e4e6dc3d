/**
 * /tokens: every user creates, lists and revokes their own API tokens; with view_token (list) / add_token (create)
 * also other users' by username. The secret of a new token lives only in this component's state.
 */
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useLocation } from '../../app/router';
import { ErrorBanner, Field, fmtTime, Notice, PageHeader, Spinner } from '../../ui';
import type { ApiToken, NewApiToken } from './admin-types';
import { TableWrap } from './controls';
import { useConfirm } from './Modal';
import { NewTokenPanel } from './NewTokenPanel';
import { TokenCreateForm } from './TokenCreateForm';
import { curlExample, tokenState, type TokenScope } from './token-model';
import { useLoad } from './useLoad';
import './admin.css';

const stateBadge = { active: 'badge badge-ok', expired: 'badge badge-warn', revoked: 'badge badge-bad' } as const;

export default function TokensPage() {
  const { me, can } = useAuth();
  const myName = me?.user.username ?? '';
  const isSuper = !!me?.user.is_superuser;
  const [ownerDraft, setOwnerDraft] = useState('');
  const [owner, setOwner] = useState('');
  const listing = owner && owner !== myName ? owner : '';
  const tokens = useLoad((signal) => api<{ results: ApiToken[] }>(`/api/tokens/${listing ? `?username=${encodeURIComponent(listing)}` : ''}`, { signal }), listing);
  const [scope, setScope] = useState<TokenScope>('ingest');
  const [created, setCreated] = useState<{ token: NewApiToken; owner: string | null } | null>(null);
  // Leaving /tokens forgets the secret even if React keeps this page mounted while the next page's code loads.
  const { path } = useLocation();
  useEffect(() => { if (!path.startsWith('/tokens')) setCreated(null); }, [path]);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [dialog, confirm] = useConfirm();

  const revoke = async (t: ApiToken): Promise<void> => {
    const label = t.name || `dlv_${t.prefix}…`;
    if (!(await confirm({ title: `Revoke token ${label}?`, confirmLabel: 'Revoke', danger: true, message: <p>Anything using this token stops working immediately. This cannot be undone.</p> }))) return;
    setError(null);
    setNotice(null);
    try {
      await api(`/api/tokens/${encodeURIComponent(t.id)}/`, { method: 'DELETE' });
      setNotice(`Token ${label} revoked.`);
      tokens.reload();
    } catch (e) {
      setError(e);
    }
  };

  const mayRevoke = !listing || isSuper;
  const list = tokens.data?.results;
  return (
    <div className="page adm-page stack">
      <PageHeader title="API tokens" />
      <p className="muted">Tokens let scripts and log shippers use the API as you, with your permissions, limited by the token's scope. Send one as <code>Authorization: Bearer …</code>.</p>
      {created ? (
        <NewTokenPanel token={created.token} owner={created.owner} onDone={() => setCreated(null)} />
      ) : null}
      <TokenCreateForm forOthers={can('add_token')} scope={scope} onScope={setScope}
        onCreated={(t, who) => { setCreated({ token: t, owner: who }); setNotice(null); setScope(t.scope as TokenScope); tokens.reload(); }} />

      <section className="card" aria-labelledby="adm-curl-title">
        <h2 id="adm-curl-title">Using a token</h2>
        <p className="muted">Put the token in an environment variable (paste it instead of <code>…</code>), then call the API. Example for a <strong>{scope}</strong> token:</p>
        <pre className="adm-pre" tabIndex={0} aria-label="curl example">{`export DELVE_TOKEN='…'\n\n${curlExample(window.location.origin, scope)}`}</pre>
      </section>

      <section aria-labelledby="adm-tokens-title" className="stack">
        <h2 id="adm-tokens-title">{listing ? `Tokens of ${listing}` : 'Your tokens'}</h2>
        {can('view_token') ? (
          <form className="row adm-owner-filter" onSubmit={(e) => { e.preventDefault(); setOwner(ownerDraft.trim()); }} aria-label="Show tokens of a user">
            <Field label="Show tokens of user" name="owner" autoComplete="off" value={ownerDraft} onChange={(e) => setOwnerDraft(e.target.value)} />
            <button type="submit" className="btn">Show</button>
          </form>
        ) : null}
        {notice ? <Notice kind="success">{notice}</Notice> : null}
        <ErrorBanner error={error ?? tokens.error} />
        {tokens.loading && !list ? <Spinner label="Loading tokens" /> : null}
        {list ? (
          <TableWrap label="API tokens table">
            <table className="table adm-table">
              <caption className="sr-only">{listing ? `API tokens of ${listing}` : 'Your API tokens'}</caption>
              <thead>
                <tr><th scope="col">Name</th><th scope="col">Token</th><th scope="col">Scope</th><th scope="col">Created</th><th scope="col">Expires</th><th scope="col">Last used</th><th scope="col">Status</th><th scope="col">Actions</th></tr>
              </thead>
              <tbody>
                {list.length === 0 ? <tr><td colSpan={8} className="muted">No tokens yet.</td></tr> : null}
                {list.map((t) => {
                  const st = tokenState(t);
                  const label = t.name || `dlv_${t.prefix}…`;
                  return (
                    <tr key={t.id}>
                      <th scope="row" className="adm-name">{t.name || <span className="muted">(no name)</span>}</th>
                      <td className="cell-mono adm-nowrap">dlv_{t.prefix}…</td>
                      <td>{t.scope}</td>
                      <td className="adm-nowrap">{fmtTime(t.created)}</td>
                      <td className="adm-nowrap">{t.expires ? fmtTime(t.expires) : <span className="muted">never</span>}</td>
                      <td className="adm-nowrap">{t.last_used ? fmtTime(t.last_used) : <span className="muted">never</span>}</td>
                      <td><span className={stateBadge[st]}>{st}</span></td>
                      <td>{st !== 'revoked' && mayRevoke ? <button type="button" className="btn btn-sm btn-danger" onClick={() => { void revoke(t); }}>Revoke<span className="sr-only"> token {label}</span></button> : null}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
        ) : null}
      </section>
      {dialog}
    </div>
  );
}
