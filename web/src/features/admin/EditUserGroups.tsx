/** Modal: choose the groups of one user (superusers only; the server refuses it for anyone else). */
import { useState } from 'react';
import { api } from '../../api/client';
import { ErrorBanner } from '../../ui';
import type { AdminGroup, AdminUser } from './admin-types';
import { Modal } from './Modal';

export function EditUserGroups({ user, groups, onSaved, onClose }: {
  user: AdminUser; groups: AdminGroup[]; onSaved: (u: AdminUser) => void; onClose: () => void;
}) {
  const [chosen, setChosen] = useState<string[]>(user.groups);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const save = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      onSaved(await api<AdminUser>(`/api/users/${encodeURIComponent(user.id)}/`, { method: 'PATCH', body: { groups: chosen } }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={`Groups of ${user.username}`} onClose={onClose}>
      <ErrorBanner error={error} />
      <fieldset className="adm-fieldset">
        <legend className="sr-only">Groups of {user.username}</legend>
        {groups.length === 0 ? <p className="muted">No groups exist yet.</p> : null}
        <div className="adm-check-list">
          {groups.map((g) => (
            <label key={g.id} className="checkbox">
              <input type="checkbox" checked={chosen.includes(g.name)} onChange={(e) => setChosen(e.target.checked ? [...chosen, g.name] : chosen.filter((n) => n !== g.name))} />
              {g.name}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="row adm-dialog-actions">
        <button type="button" className="btn" onClick={onClose}>Cancel</button>
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => { void save(); }}>{busy ? 'Saving…' : 'Save groups'}</button>
      </div>
    </Modal>
  );
}
