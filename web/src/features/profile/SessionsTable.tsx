/** My sessions: where and when each one was created and last used; revoke any but the one in use. */
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { ErrorBanner, fmtTime, Notice, Spinner } from '../../ui';
import type { SessionInfo, SessionList } from './profile-types';
import { shortUserAgent } from './profile-text';

export function SessionsTable({ version }: { version: number }) {
  const [rows, setRows] = useState<SessionInfo[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const r = await api<SessionList>('/api/auth/sessions');
      setRows(r.results ?? []);
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => { setMsg(null); void load(); }, [load, version]);

  const revoke = async (ids: string[]): Promise<void> => {
    setBusy(ids.length === 1 ? ids[0] ?? null : 'all');
    setMsg(null);
    setError(null);
    let ended = 0;
    try {
      for (const id of ids) {
        await api(`/api/auth/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });
        ended += 1;
      }
      setMsg(ended === 1 ? 'The session was ended.' : `${ended} sessions were ended.`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
      await load();
    }
  };

  const others = (rows ?? []).filter((s) => !s.current);
  return (
    <section aria-labelledby="sessions-heading">
      <div className="row profile-sessions-head">
        <h2 id="sessions-heading" className="grow">Sessions</h2>
        {others.length > 1 ? (
          <button type="button" className="btn btn-danger btn-sm" disabled={busy !== null} onClick={() => { void revoke(others.map((s) => s.publicId)); }}>
            End all other sessions
          </button>
        ) : null}
      </div>
      <p className="muted">Every browser or device where you are logged in. Ending a session logs that browser out at once.</p>
      {msg ? <Notice kind="success">{msg}</Notice> : null}
      <ErrorBanner error={error} />
      {rows === null && !error ? <Spinner label="Loading sessions" /> : null}
      {rows && rows.length > 0 ? (
        <div className="table-wrap">
          <table className="table profile-sessions">
            <caption className="sr-only">Your sessions</caption>
            <thead>
              <tr><th scope="col">Browser</th><th scope="col">IP address</th><th scope="col">Created</th><th scope="col">Last seen</th><th scope="col"><span className="sr-only">Actions</span></th></tr>
            </thead>
            <tbody>
              {rows.map((s) => {
                const ua = shortUserAgent(s.userAgent);
                return (
                  <tr key={s.publicId}>
                    <td>
                      <div>{ua} {s.current ? <span className="badge badge-ok">This session</span> : null}</div>
                      {s.userAgent ? <div className="cell-mono muted profile-ua">{s.userAgent}</div> : null}
                    </td>
                    <td className="cell-mono">{s.ip ?? ''}</td>
                    <td>{fmtTime(s.createdAt)}</td>
                    <td>{fmtTime(s.lastSeenAt)}</td>
                    <td>
                      {s.current ? <span className="muted">Use Log out</span> : (
                        <button type="button" className="btn btn-sm btn-danger" disabled={busy !== null}
                          aria-label={`Revoke session: ${ua}, ${s.ip ?? 'unknown address'}, created ${fmtTime(s.createdAt)}`}
                          onClick={() => { void revoke([s.publicId]); }}>
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {rows && rows.length === 0 ? <p className="muted">No sessions (you are using an API token or HTTP Basic).</p> : null}
    </section>
  );
}
