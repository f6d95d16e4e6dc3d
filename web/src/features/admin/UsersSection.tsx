/** /admin/users: paginated users, create, enable/disable, make/unmake admin, reset links, groups, delete. */
import { useState } from 'react';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import { useAuth } from '../../app/auth';
import { ErrorBanner, fmtTime, Notice, Spinner } from '../../ui';
import type { AdminGroup, AdminUser, ResetLink } from './admin-types';
import { Pager, TableWrap } from './controls';
import { EditUserGroups } from './EditUserGroups';
import { useConfirm } from './Modal';
import { ResetLinkPanel } from './ResetLinkPanel';
import { UserCreateForm } from './UserCreateForm';
import { userActions } from './user-rules';
import { useLoad } from './useLoad';

const LIMIT = 50;

export function UsersSection() {
  const { me, can } = useAuth();
  const caller = { id: me?.user.id ?? '', is_superuser: !!me?.user.is_superuser, can };
  const [offset, setOffset] = useState(0);
  const users = useLoad((signal) => api<Page<AdminUser>>(`/api/users/?limit=${LIMIT}&offset=${offset}`, { signal }), String(offset));
  const canGroups = can('view_group');
  const groups = useLoad((signal) => (canGroups ? api<Page<AdminGroup>>('/api/groups/?limit=1000', { signal }).then((p) => p.results) : Promise.resolve(null)), String(canGroups));
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [reset, setReset] = useState<{ username: string; link: ResetLink } | null>(null);
  const [editing, setEditing] = useState<AdminUser | null>(null);
  const [dialog, confirm] = useConfirm();

  const act = async (u: AdminUser, fn: () => Promise<string>): Promise<void> => {
    setBusyId(u.id);
    setError(null);
    setNotice(null);
    try {
      setNotice(await fn());
      users.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusyId(null);
    }
  };
  const patch = (u: AdminUser, body: Record<string, unknown>): Promise<AdminUser> =>
    api<AdminUser>(`/api/users/${encodeURIComponent(u.id)}/`, { method: 'PATCH', body });

  const toggleActive = async (u: AdminUser): Promise<void> => {
    if (u.is_active && !(await confirm({
      title: `Disable ${u.username}?`, confirmLabel: 'Disable', danger: true,
      message: <p>{u.username} will be logged out everywhere and all of their API tokens will be revoked. You can enable the account again later (tokens stay revoked).</p>,
    }))) return;
    await act(u, async () => { await patch(u, { is_active: !u.is_active }); return `${u.username} is now ${u.is_active ? 'disabled' : 'enabled'}.`; });
  };
  const toggleAdmin = async (u: AdminUser): Promise<void> => {
    const ok = await confirm(u.is_superuser
      ? { title: `Remove administrator rights from ${u.username}?`, confirmLabel: 'Remove admin', danger: true, message: <p>{u.username} will keep only the permissions and indexes of their groups.</p> }
      : { title: `Make ${u.username} an administrator?`, confirmLabel: 'Make admin', danger: true, message: <p>A superuser holds every permission, reads and writes every index (including the audit log) and can manage all users.</p> });
    if (!ok) return;
    await act(u, async () => { await patch(u, { is_superuser: !u.is_superuser }); return `${u.username} is ${u.is_superuser ? 'no longer' : 'now'} an administrator.`; });
  };
  const makeResetLink = async (u: AdminUser): Promise<void> => {
    await act(u, async () => {
      const link = await api<ResetLink>(`/api/users/${encodeURIComponent(u.id)}/reset-link`, { method: 'POST' });
      setReset({ username: u.username, link });
      return `Password-reset link created for ${u.username}.`;
    });
  };
  const remove = async (u: AdminUser): Promise<void> => {
    if (!(await confirm({
      title: `Delete ${u.username}?`, confirmLabel: 'Delete user', danger: true,
      message: <p>This deletes the account, its sessions and API tokens. It cannot be undone; disabling keeps the account instead.</p>,
    }))) return;
    await act(u, async () => { await api(`/api/users/${encodeURIComponent(u.id)}/`, { method: 'DELETE' }); return `${u.username} was deleted.`; });
  };

  const page = users.data;
  return (
    <div className="stack">
      <div className="row">
        {can('add_user') && !creating ? <button type="button" className="btn btn-primary" onClick={() => { setCreating(true); setNotice(null); }}>New user</button> : null}
      </div>
      {creating ? (
        <UserCreateForm
          key={groups.data ? 'g' : 'n'}
          isSuperuser={caller.is_superuser}
          groups={groups.data ?? null}
          onCancel={() => setCreating(false)}
          onCreated={(u) => { setCreating(false); setNotice(`User ${u.username} created.`); users.reload(); }}
        />
      ) : null}
      {reset ? <ResetLinkPanel username={reset.username} link={reset.link} onDone={() => setReset(null)} /> : null}
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <ErrorBanner error={error ?? users.error} />
      {users.loading && !page ? <Spinner label="Loading users" /> : null}
      {page ? (
        <>
          <TableWrap label="Users table">
            <table className="table adm-table">
              <caption className="sr-only">Users</caption>
              <thead>
                <tr><th scope="col">Username</th><th scope="col">Email</th><th scope="col">Active</th><th scope="col">Admin</th><th scope="col">Groups</th><th scope="col">Last login</th><th scope="col">Actions</th></tr>
              </thead>
              <tbody>
                {page.results.map((u) => {
                  const a = userActions(caller, u);
                  const busy = busyId === u.id;
                  return (
                    <tr key={u.id}>
                      <th scope="row" className="adm-name">{u.username}{u.id === caller.id ? <span className="muted"> (you)</span> : null}</th>
                      <td>{u.email}</td>
                      <td>{u.is_active ? <span className="badge badge-ok">active</span> : <span className="badge badge-bad">disabled</span>}</td>
                      <td>{u.is_superuser ? <span className="badge badge-warn">admin</span> : <span className="muted">no</span>}</td>
                      <td>{u.groups.join(', ')}</td>
                      <td className="adm-nowrap">{u.last_login ? fmtTime(u.last_login) : <span className="muted">never</span>}</td>
                      <td>
                        <div className="adm-actions">
                          {a.toggleActive ? <button type="button" className="btn btn-sm" disabled={busy} onClick={() => { void toggleActive(u); }}>{u.is_active ? 'Disable' : 'Enable'}<span className="sr-only"> {u.username}</span></button> : null}
                          {a.toggleAdmin ? <button type="button" className="btn btn-sm" disabled={busy} onClick={() => { void toggleAdmin(u); }}>{u.is_superuser ? 'Remove admin' : 'Make admin'}<span className="sr-only"> {u.username}</span></button> : null}
                          {a.resetLink ? <button type="button" className="btn btn-sm" disabled={busy} onClick={() => { void makeResetLink(u); }}>Create password-reset link<span className="sr-only"> for {u.username}</span></button> : null}
                          {a.editGroups && groups.data ? <button type="button" className="btn btn-sm" disabled={busy} onClick={() => setEditing(u)}>Edit groups<span className="sr-only"> of {u.username}</span></button> : null}
                          {a.remove ? <button type="button" className="btn btn-sm btn-danger" disabled={busy} onClick={() => { void remove(u); }}>Delete<span className="sr-only"> {u.username}</span></button> : null}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
          <Pager count={page.count} limit={LIMIT} offset={offset} onOffset={setOffset} label="Users" />
        </>
      ) : null}
      {editing && groups.data ? (
        <EditUserGroups user={editing} groups={groups.data} onClose={() => setEditing(null)}
          onSaved={(u) => { setEditing(null); setNotice(`Groups of ${u.username} saved.`); users.reload(); }} />
      ) : null}
      {dialog}
    </div>
  );
}
