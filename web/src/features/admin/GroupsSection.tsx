/** /admin/groups: list, create, edit, delete groups. */
import { useState } from 'react';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import { useAuth } from '../../app/auth';
import { ErrorBanner, Notice, Spinner } from '../../ui';
import type { AdminGroup } from './admin-types';
import { Pager, TableWrap } from './controls';
import { GroupEditor } from './GroupEditor';
import { useConfirm } from './Modal';
import { useLoad } from './useLoad';

const LIMIT = 100;
const DEFAULT_GROUP = 'Users';

function Patterns({ list }: { list: string[] }) {
  if (list.length === 0) return <span className="muted">none</span>;
  return <span className="adm-index-list">{list.map((p) => <code key={p} className="adm-chip">{p}</code>)}</span>;
}

export function GroupsSection() {
  const { can } = useAuth();
  const [offset, setOffset] = useState(0);
  const groups = useLoad((signal) => api<Page<AdminGroup>>(`/api/groups/?limit=${LIMIT}&offset=${offset}`, { signal }), String(offset));
  const [editing, setEditing] = useState<AdminGroup | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [dialog, confirm] = useConfirm();

  const remove = async (g: AdminGroup): Promise<void> => {
    if (!(await confirm({ title: `Delete group ${g.name}?`, confirmLabel: 'Delete group', danger: true, message: <p>Its members lose the permissions and indexes it grants. This cannot be undone.</p> }))) return;
    setError(null);
    setNotice(null);
    try {
      await api(`/api/groups/${encodeURIComponent(g.id)}/`, { method: 'DELETE' });
      setNotice(`Group ${g.name} deleted.`);
      if (editing !== 'new' && editing?.id === g.id) setEditing(null);
      groups.reload();
    } catch (e) {
      setError(e);
    }
  };

  const page = groups.data;
  return (
    <div className="stack">
      <div className="row">
        {can('add_group') && editing === null ? <button type="button" className="btn btn-primary" onClick={() => { setEditing('new'); setNotice(null); }}>New group</button> : null}
      </div>
      {editing !== null ? (
        <GroupEditor
          key={editing === 'new' ? 'new' : editing.id}
          group={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={(g) => { setNotice(`Group ${g.name} saved.`); setEditing(null); groups.reload(); }}
        />
      ) : null}
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <ErrorBanner error={error ?? groups.error} />
      {groups.loading && !page ? <Spinner label="Loading groups" /> : null}
      {page ? (
        <>
          <TableWrap label="Groups table">
            <table className="table adm-table">
              <caption className="sr-only">Groups</caption>
              <thead>
                <tr><th scope="col">Name</th><th scope="col">Permissions</th><th scope="col">Read indexes</th><th scope="col">Write indexes</th><th scope="col">Actions</th></tr>
              </thead>
              <tbody>
                {page.results.length === 0 ? <tr><td colSpan={5} className="muted">No groups yet.</td></tr> : null}
                {page.results.map((g) => (
                  <tr key={g.id}>
                    <th scope="row" className="adm-name">{g.name}{g.name === DEFAULT_GROUP ? <span className="muted"> (default)</span> : null}</th>
                    <td className="adm-perm-summary">{g.permissions.length === 0 ? <span className="muted">none</span> : g.permissions.join(', ')}</td>
                    <td><Patterns list={g.index_read} /></td>
                    <td><Patterns list={g.index_write} /></td>
                    <td>
                      <div className="adm-actions">
                        {can('change_group') ? <button type="button" className="btn btn-sm" onClick={() => { setEditing(g); setNotice(null); }}>Edit<span className="sr-only"> group {g.name}</span></button> : null}
                        {can('delete_group') && g.name !== DEFAULT_GROUP ? <button type="button" className="btn btn-sm btn-danger" onClick={() => { void remove(g); }}>Delete<span className="sr-only"> group {g.name}</span></button> : null}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <Pager count={page.count} limit={LIMIT} offset={offset} onOffset={setOffset} label="Groups" />
        </>
      ) : null}
      {dialog}
    </div>
  );
}
