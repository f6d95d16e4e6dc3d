/**
 * Save the current query under a name (POST /api/queries/). When the name is taken the user may replace that
 * query's text (PATCH), which gives "save again under the same name" without silently overwriting.
 */
import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { createSavedQuery, findSavedQuery, updateSavedQueryText } from './api';

type Status = { kind: 'idle' } | { kind: 'busy' } | { kind: 'saved'; name: string; replaced: boolean } | { kind: 'conflict'; name: string } | { kind: 'error'; message: string };

export function SaveQueryForm({ text, name, onName, onSaved }: { text: string; name: string; onName: (n: string) => void; onSaved: () => void }) {
  const id = useId();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const trimmed = name.trim();

  const fail = (e: unknown): void => setStatus({ kind: 'error', message: e instanceof Error ? e.message : String(e) });

  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (trimmed === '') return setStatus({ kind: 'error', message: 'Give the query a name to save it.' });
    if (text.trim() === '') return setStatus({ kind: 'error', message: 'Write a query first.' });
    setStatus({ kind: 'busy' });
    try {
      await createSavedQuery(trimmed, text);
      setStatus({ kind: 'saved', name: trimmed, replaced: false });
      onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'DLV_SAVED_NAME_TAKEN') setStatus({ kind: 'conflict', name: trimmed });
      else fail(err);
    }
  };

  const replace = async (): Promise<void> => {
    if (status.kind !== 'conflict') return;
    const target = status.name;
    setStatus({ kind: 'busy' });
    try {
      const existing = await findSavedQuery(target);
      if (!existing) throw new Error(`No saved query named "${target}" was found.`);
      await updateSavedQueryText(existing.id, text);
      setStatus({ kind: 'saved', name: target, replaced: true });
      onSaved();
    } catch (err) {
      fail(err);
    }
  };

  return (
    <form className="save-form" onSubmit={(e) => { void save(e); }} aria-labelledby={`${id}-h`}>
      <span id={`${id}-h`} className="sr-only">Save query</span>
      <label htmlFor={`${id}-name`} className="save-label">Name</label>
      <input id={`${id}-name`} className="input save-name" value={name} maxLength={1024} autoComplete="off"
        onChange={(e) => { onName(e.target.value); if (status.kind !== 'busy') setStatus({ kind: 'idle' }); }} />
      <button type="submit" className="btn" disabled={status.kind === 'busy'}>Save</button>
      <div className="save-msg" aria-live="polite">
        {status.kind === 'saved' ? <span className="save-ok" role="status">{status.replaced ? 'Replaced' : 'Saved'} “{status.name}”.</span> : null}
        {status.kind === 'error' ? <span className="field-error" role="alert">{status.message}</span> : null}
        {status.kind === 'conflict' ? (
          <span className="save-conflict" role="alert">
            You already have a query named “{status.name}”.{' '}
            <button type="button" className="btn btn-sm" onClick={() => { void replace(); }}>Replace it</button>{' '}
            <button type="button" className="btn btn-sm btn-ghost" onClick={() => setStatus({ kind: 'idle' })}>Keep both names</button>
          </span>
        ) : null}
      </div>
    </form>
  );
}
