/**
 * My local contexts (template variables for one query): list with Load / Edit / Delete, and an editor (name + JSON
 * validated as you type; Save disabled while invalid). Saving a new name POSTs /api/locals/ (upsert by name);
 * editing an existing context PATCHes it by id, so renaming does not leave a copy behind.
 */
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { ErrorBanner, fmtTime, Notice, Spinner } from '../../ui';
import { matchesFilter, preview } from './format';
import { checkJson } from './json-check';
import { JsonEditor } from './JsonEditor';
import { MoreButton } from './SavedQueriesPanel';
import type { LocalContext } from './types';
import { useConfirm } from './useConfirm';
import { usePagedList } from './usePagedList';
import './library.css';

export interface ContextsPanelProps {
  /** Load a context into Explore. Without it (the Library page) the Load button is not shown. */
  onLoad?: (c: { id: string; name: string; context: unknown }) => void;
  /** Explore's current local context: offered as "Save current context". */
  current?: unknown;
  refreshKey?: number;
}

interface Draft { id: string | null; name: string; text: string; original: string; originalName: string }

const pretty = (v: unknown): string => JSON.stringify(v ?? {}, null, 2);

export function ContextsPanel({ onLoad, current, refreshKey }: ContextsPanelProps) {
  const list = usePagedList<LocalContext>('/api/locals/', refreshKey);
  const [filter, setFilter] = useState('');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirm, dialog] = useConfirm();
  const filterId = useId();
  const nameId = useId();
  const nameInput = useRef<HTMLInputElement>(null);

  const draftText = draft?.text ?? '';
  const checkNow = useMemo(() => checkJson(draftText, { requireObject: true }), [draftText]);
  const dirty = draft !== null && (draft.text !== draft.original || draft.name !== draft.originalName);
  const name = draft?.name.trim() ?? '';
  const clash = draft && name ? list.items.find((c) => c.name === name && c.id !== draft.id) : undefined;
  const shown = list.items.filter((c) => matchesFilter(filter, c.name, JSON.stringify(c.context)));

  const open = async (next: Draft): Promise<void> => {
    if (dirty && !(await confirm('Discard the unsaved changes in the context editor?', 'Discard'))) return;
    setDraft(next);
    setSaveError(null);
    setNotice(null);
    setTimeout(() => nameInput.current?.focus(), 0);
  };
  const openNew = (text = '{\n  \n}', nm = ''): Promise<void> => open({ id: null, name: nm, text, original: text, originalName: nm });
  const openEdit = (c: LocalContext): Promise<void> => {
    const t = pretty(c.context);
    return open({ id: c.id, name: c.name, text: t, original: t, originalName: c.name });
  };

  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!draft || !checkNow.ok || !name || saving) return;
    setSaving(true);
    try {
      const body = { name, context: checkNow.value };
      const saved = draft.id
        ? await api<LocalContext>(`/api/locals/${encodeURIComponent(draft.id)}/`, { method: 'PATCH', body })
        : await api<LocalContext>('/api/locals/', { method: 'POST', body });
      const t = pretty(saved.context);
      setDraft({ id: saved.id, name: saved.name, text: t, original: t, originalName: saved.name });
      setSaveError(null);
      setNotice(`Saved "${saved.name}".`);
      list.reload();
    } catch (err) {
      setSaveError(err);
    } finally {
      setSaving(false);
    }
  };

  const remove = async (c: LocalContext): Promise<void> => {
    if (!(await confirm(`Delete the local context "${c.name}"? This cannot be undone.`))) return;
    try {
      await api(`/api/locals/${encodeURIComponent(c.id)}/`, { method: 'DELETE' });
      list.update(c.id, null);
      if (draft?.id === c.id) setDraft({ ...draft, id: null });
      setActionError(null);
    } catch (err) {
      setActionError(err);
    }
  };

  return (
    <div className="lib-panel">
      <div className="lib-toolbar row">
        <label htmlFor={filterId} className="sr-only">Filter local contexts</label>
        <input id={filterId} className="input grow" type="search" placeholder="Filter by name or content" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <button type="button" className="btn btn-sm" onClick={() => void openNew()}>New context</button>
        {current !== undefined ? (
          <button type="button" className="btn btn-sm" onClick={() => void openNew(pretty(current))}>Save current context…</button>
        ) : null}
      </div>

      {draft ? (
        <form className="card lib-editor" onSubmit={(e) => void save(e)} aria-label={draft.id ? `Edit context ${draft.originalName}` : 'New context'}>
          <div className="field">
            <label htmlFor={nameId}>Name</label>
            <input
              ref={nameInput} id={nameId} className="input" value={draft.name} maxLength={1024} required autoComplete="off"
              aria-describedby={clash ? `${nameId}-clash` : undefined}
              onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            />
            {clash ? <div id={`${nameId}-clash`} className="hint lib-warn">Saving replaces your existing context "{clash.name}".</div> : null}
          </div>
          <JsonEditor
            label="Context (JSON object)" value={draft.text} check={checkNow} rows={8}
            hint='Template variables for a query, e.g. {"host": "web1"} makes {{ host }} available. They override the global context.'
            onChange={(t) => setDraft({ ...draft, text: t })}
          />
          <ErrorBanner error={saveError} />
          {notice && !dirty ? <Notice kind="success">{notice}</Notice> : null}
          <div className="row">
            <button type="submit" className="btn btn-primary" disabled={!checkNow.ok || !name || saving}>{saving ? 'Saving…' : 'Save'}</button>
            {onLoad && checkNow.ok ? (
              <button type="button" className="btn" onClick={() => onLoad({ id: draft.id ?? '', name, context: checkNow.value })}>Use without saving</button>
            ) : null}
            <button type="button" className="btn" onClick={() => { setDraft(null); setNotice(null); }}>Close editor</button>
            {dirty ? <span className="muted">Unsaved changes</span> : null}
          </div>
        </form>
      ) : null}

      <ErrorBanner error={list.error ?? actionError} />
      {list.loading && list.items.length === 0 ? <Spinner label="Loading local contexts" /> : null}
      {!list.loading && !list.error && list.items.length === 0 ? <p className="muted">No local contexts yet. Create one with "New context".</p> : null}
      {list.items.length > 0 && shown.length === 0 ? <p className="muted">No context matches the filter.</p> : null}
      <ul className="lib-list" aria-label="Local contexts">
        {shown.map((c) => <ContextItem key={c.id} c={c} onLoad={onLoad} onEdit={() => void openEdit(c)} onDelete={() => void remove(c)} />)}
      </ul>
      <MoreButton shown={list.items.length} count={list.count} loading={list.loading} onMore={list.loadMore} what="contexts" />
      {dialog}
    </div>
  );
}

function ContextItem({ c, onLoad, onEdit, onDelete }: { c: LocalContext; onLoad?: ContextsPanelProps['onLoad']; onEdit: () => void; onDelete: () => void }) {
  const nameId = useId();
  const json = JSON.stringify(c.context);
  return (
    <li className="lib-item">
      <div id={nameId} className="lib-item-name">{c.name}</div>
      <div className="lib-item-preview cell-mono" title={json.length > 2000 ? undefined : json}>{preview(json)}</div>
      <div className="lib-item-meta muted">Modified {fmtTime(c.modified)}</div>
      <div className="lib-item-actions row">
        {onLoad ? <button type="button" className="btn btn-sm btn-primary" aria-describedby={nameId} onClick={() => onLoad({ id: c.id, name: c.name, context: c.context })}>Load</button> : null}
        <button type="button" className="btn btn-sm" aria-describedby={nameId} onClick={onEdit}>Edit</button>
        <button type="button" className="btn btn-sm btn-danger" aria-describedby={nameId} onClick={onDelete}>Delete</button>
      </div>
    </li>
  );
}
