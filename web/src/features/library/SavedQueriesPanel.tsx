/** My saved queries: filter, Load (into the editor), Open (a real link to /explore?name=&text=), Rename, Delete. */
import { useEffect, useId, useRef, useState } from 'react';
import { api } from '../../api/client';
import { ErrorBanner, fmtTime, Spinner } from '../../ui';
import { exploreHref, matchesFilter, preview } from './format';
import { AppLink } from './AppLink';
import { InlineRename } from './InlineRename';
import type { SavedQuery } from './types';
import { useConfirm } from './useConfirm';
import { usePagedList } from './usePagedList';
import './library.css';

export interface SavedQueriesPanelProps {
  onLoad: (q: { id: string; name: string; text: string }) => void;
  /** Change it to reload the list (e.g. after Explore saved a query). */
  refreshKey?: number;
}

export function SavedQueriesPanel({ onLoad, refreshKey }: SavedQueriesPanelProps) {
  const list = usePagedList<SavedQuery>('/api/queries/', refreshKey);
  const [filter, setFilter] = useState('');
  const [actionError, setActionError] = useState<unknown>(null);
  const [confirm, dialog] = useConfirm();
  const filterId = useId();
  const shown = list.items.filter((q) => matchesFilter(filter, q.name, q.text));

  const remove = async (q: SavedQuery): Promise<void> => {
    if (!(await confirm(`Delete the saved query "${q.name ?? preview(q.text, 60)}"? This cannot be undone.`))) return;
    try {
      await api(`/api/queries/${encodeURIComponent(q.id)}/`, { method: 'DELETE' });
      list.update(q.id, null);
      setActionError(null);
    } catch (e) {
      setActionError(e);
    }
  };
  const rename = async (q: SavedQuery, name: string): Promise<void> => {
    const next = await api<SavedQuery>(`/api/queries/${encodeURIComponent(q.id)}/`, { method: 'PATCH', body: { name } });
    list.update(q.id, next);
  };

  return (
    <div className="lib-panel">
      <div className="lib-toolbar row">
        <label htmlFor={filterId} className="sr-only">Filter saved queries</label>
        <input id={filterId} className="input grow" type="search" placeholder="Filter by name or text" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <button type="button" className="btn btn-sm" onClick={list.reload} disabled={list.loading}>Refresh</button>
      </div>
      <ErrorBanner error={list.error ?? actionError} />
      {list.loading && list.items.length === 0 ? <Spinner label="Loading saved queries" /> : null}
      {!list.loading && !list.error && list.items.length === 0 ? (
        <p className="muted">No saved queries yet. In Explore, give a query a name and save it.</p>
      ) : null}
      {list.items.length > 0 && shown.length === 0 ? <p className="muted">No saved query matches the filter.</p> : null}
      <ul className="lib-list" aria-label="Saved queries">
        {shown.map((q) => (
          <QueryItem key={q.id} q={q} onLoad={onLoad} onDelete={() => void remove(q)} onRename={(name) => rename(q, name)} />
        ))}
      </ul>
      <MoreButton shown={list.items.length} count={list.count} loading={list.loading} onMore={list.loadMore} what="queries" />
      {dialog}
    </div>
  );
}

function QueryItem({ q, onLoad, onDelete, onRename }: {
  q: SavedQuery;
  onLoad: SavedQueriesPanelProps['onLoad'];
  onDelete: () => void;
  onRename: (name: string) => Promise<void>;
}) {
  const [renaming, setRenaming] = useState(false);
  const renameBtn = useRef<HTMLButtonElement>(null);
  const wasRenaming = useRef(false);
  const nameId = useId();
  useEffect(() => {
    if (wasRenaming.current && !renaming) renameBtn.current?.focus();
    wasRenaming.current = renaming;
  }, [renaming]);

  return (
    <li className="lib-item">
      <div id={nameId} className="lib-item-name">{q.name ?? <span className="muted">(unnamed)</span>}</div>
      {renaming ? (
        <InlineRename initial={q.name ?? ''} label={`New name for "${q.name ?? 'unnamed query'}"`} onSave={onRename} onDone={() => setRenaming(false)} />
      ) : null}
      <div className="lib-item-preview cell-mono" title={q.text}>{preview(q.text)}</div>
      <div className="lib-item-meta muted">Modified {fmtTime(q.modified)}</div>
      <div className="lib-item-actions row">
        <button type="button" className="btn btn-sm btn-primary" aria-describedby={nameId} onClick={() => onLoad({ id: q.id, name: q.name ?? '', text: q.text })}>Load</button>
        <AppLink href={exploreHref(q.name, q.text)} className="btn btn-sm" describedBy={nameId}>Open</AppLink>
        <button ref={renameBtn} type="button" className="btn btn-sm" aria-describedby={nameId} onClick={() => setRenaming(true)} disabled={renaming}>Rename</button>
        <button type="button" className="btn btn-sm btn-danger" aria-describedby={nameId} onClick={onDelete}>Delete</button>
      </div>
    </li>
  );
}

/** "Showing n of m" and a button for the next page. */
export function MoreButton({ shown, count, loading, onMore, what }: { shown: number; count: number; loading: boolean; onMore: () => void; what: string }) {
  if (count <= shown) return null;
  return (
    <div className="row lib-more">
      <span className="muted">Showing {shown} of {count} {what}.</span>
      <button type="button" className="btn btn-sm" onClick={onMore} disabled={loading}>Load more</button>
    </div>
  );
}
