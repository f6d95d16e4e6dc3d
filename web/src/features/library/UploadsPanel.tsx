/**
 * File uploads: a drop zone plus a normal "Choose file" input, uploading with upload() (progress, cancel), the
 * list of my files (size, date, Download, Rename, Delete) and "Use in query" giving the matching read_file command.
 * The multipart fields are `title` (the file's label; read_file finds files by title) and `content` (the file).
 */
import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { api, ApiError, upload } from '../../api/client';
import { ErrorBanner, fmtTime, Notice, Spinner } from '../../ui';
import { formatBytes, matchesFilter, uploadErrorMessage } from './format';
import { InlineRename } from './InlineRename';
import { readFileCommand } from './read-file-command';
import { MoreButton } from './SavedQueriesPanel';
import type { UploadedFile } from './types';
import { useConfirm } from './useConfirm';
import { usePagedList } from './usePagedList';
import './library.css';

export interface UploadsPanelProps {
  onUploaded?: (f: { id: string; name: string }) => void;
  /** Receives `read_file …` text for the chosen file; without it the "Use in query" button is not shown. */
  onInsertReadFile?: (text: string) => void;
}

interface Running { title: string; fraction: number; abort: AbortController }
interface Failed { file: File; title: string; message: string }

export function UploadsPanel({ onUploaded, onInsertReadFile }: UploadsPanelProps) {
  const list = usePagedList<UploadedFile>('/api/files/');
  const [running, setRunning] = useState<Running | null>(null);
  const [failed, setFailed] = useState<Failed | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const [filter, setFilter] = useState('');
  const [actionError, setActionError] = useState<unknown>(null);
  const [confirm, dialog] = useConfirm();
  const fileInput = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const progressId = useId();
  const retryId = useId();
  const filterId = useId();
  const shown = list.items.filter((f) => matchesFilter(filter, f.title));

  const current = useRef<AbortController | null>(null);
  useEffect(() => () => current.current?.abort(), []);

  const start = async (file: File, title: string): Promise<void> => {
    if (current.current) return;
    setNotice(null);
    const clash = list.items.find((f) => f.title === title);
    if (clash) {
      setFailed({ file, title, message: uploadErrorMessage({ code: 'DLV_SAVED_NAME_TAKEN', message: `You already have a file titled "${title}".` }) });
      return;
    }
    setFailed(null);
    const abort = new AbortController();
    current.current = abort;
    setRunning({ title, fraction: 0, abort });
    const form = new FormData();
    form.append('title', title);
    form.append('content', file, file.name);
    try {
      const f = await upload<UploadedFile>('/api/files/', form, (fraction) => setRunning((r) => (r && r.abort === abort ? { ...r, fraction } : r)), abort.signal);
      setNotice(`Uploaded "${f.title}" (${formatBytes(f.size)}).`);
      list.reload();
      onUploaded?.({ id: f.id, name: f.title });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'ABORTED') setNotice('Upload cancelled.');
      else setFailed({ file, title, message: uploadErrorMessage(e instanceof ApiError ? e : { message: String(e) }) });
    } finally {
      setRunning((r) => (r?.abort === abort ? null : r));
      if (current.current === abort) current.current = null;
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const pick = (files: FileList | null): void => {
    const file = files?.[0];
    if (!file) return;
    void start(file, file.name);
    if (files.length > 1) setNotice(`Only "${file.name}" is being uploaded: one file at a time.`);
  };

  const onDrop = (e: DragEvent<HTMLDivElement>): void => {
    e.preventDefault();
    setOver(false);
    if (running) return;
    pick(e.dataTransfer.files);
  };
  const onDragOver = (e: DragEvent<HTMLDivElement>): void => {
    if (!Array.from(e.dataTransfer.types).includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = running ? 'none' : 'copy';
    setOver(true);
  };

  const remove = async (f: UploadedFile): Promise<void> => {
    if (!(await confirm(`Delete the file "${f.title}"? Queries using read_file on it will stop working.`))) return;
    try {
      await api(`/api/files/${encodeURIComponent(f.id)}/`, { method: 'DELETE' });
      list.update(f.id, null);
      setActionError(null);
    } catch (e) {
      setActionError(e);
    }
  };
  const rename = async (f: UploadedFile, title: string): Promise<void> => {
    const next = await api<UploadedFile>(`/api/files/${encodeURIComponent(f.id)}/`, { method: 'PATCH', body: { title } });
    list.update(f.id, next);
  };

  const pct = running ? Math.round(running.fraction * 100) : 0;
  return (
    <div className="lib-panel">
      <div
        className={`lib-drop${over ? ' lib-drop-over' : ''}`}
        onDragOver={onDragOver} onDragEnter={onDragOver} onDragLeave={() => setOver(false)} onDrop={onDrop}
      >
        <p className="lib-drop-text">Drop a file here to upload it, or</p>
        <div className="field lib-file-field">
          <label htmlFor={inputId}>Choose file</label>
          <input ref={fileInput} id={inputId} type="file" className="lib-file-input" disabled={running !== null} onChange={(e) => pick(e.target.files)} />
        </div>
        <p className="hint">The file's name becomes its title; read it in a query with <code>read_file</code>.</p>
      </div>

      {running ? (
        <div className="lib-progress row" aria-live="polite">
          <label htmlFor={progressId} className="grow lib-progress-label">Uploading "{running.title}"</label>
          <progress id={progressId} max={1} value={running.fraction} aria-valuetext={`${pct}%`}>{pct}%</progress>
          <span className="lib-progress-pct" aria-hidden="true">{pct}%</span>
          <button type="button" className="btn btn-sm" onClick={() => running.abort.abort()}>Cancel upload</button>
        </div>
      ) : null}

      {failed && !running ? (
        <div className="alert alert-error lib-failed" role="alert">
          <p className="lib-failed-msg">{failed.message}</p>
          <form className="row" onSubmit={(e) => { e.preventDefault(); void start(failed.file, failed.title.trim() || failed.file.name); }}>
            <label htmlFor={retryId} className="sr-only">Title for the upload</label>
            <input id={retryId} className="input grow" value={failed.title} maxLength={1024} onChange={(e) => setFailed({ ...failed, title: e.target.value })} />
            <button type="submit" className="btn btn-sm">Retry with this title</button>
            <button type="button" className="btn btn-sm" onClick={() => setFailed(null)}>Dismiss</button>
          </form>
        </div>
      ) : null}
      {notice ? <Notice kind="success">{notice}</Notice> : null}

      <div className="lib-toolbar row">
        <label htmlFor={filterId} className="sr-only">Filter files</label>
        <input id={filterId} className="input grow" type="search" placeholder="Filter by title" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <button type="button" className="btn btn-sm" onClick={list.reload} disabled={list.loading}>Refresh</button>
      </div>
      <ErrorBanner error={list.error ?? actionError} />
      {list.loading && list.items.length === 0 ? <Spinner label="Loading files" /> : null}
      {!list.loading && !list.error && list.items.length === 0 ? <p className="muted">No files uploaded yet.</p> : null}
      {list.items.length > 0 && shown.length === 0 ? <p className="muted">No file matches the filter.</p> : null}
      <ul className="lib-list" aria-label="Uploaded files">
        {shown.map((f) => (
          <FileItem key={f.id} f={f} onInsert={onInsertReadFile} onDelete={() => void remove(f)} onRename={(t) => rename(f, t)} />
        ))}
      </ul>
      <MoreButton shown={list.items.length} count={list.count} loading={list.loading} onMore={list.loadMore} what="files" />
      {dialog}
    </div>
  );
}

function FileItem({ f, onInsert, onDelete, onRename }: { f: UploadedFile; onInsert?: (text: string) => void; onDelete: () => void; onRename: (t: string) => Promise<void> }) {
  const [renaming, setRenaming] = useState(false);
  const renameBtn = useRef<HTMLButtonElement>(null);
  const wasRenaming = useRef(false);
  const nameId = useId();
  const cmdId = useId();
  useEffect(() => {
    if (wasRenaming.current && !renaming) renameBtn.current?.focus();
    wasRenaming.current = renaming;
  }, [renaming]);
  const cmd = readFileCommand(f.title);
  return (
    <li className="lib-item">
      <div id={nameId} className="lib-item-name">{f.title}</div>
      {renaming ? <InlineRename initial={f.title} label={`New title for "${f.title}"`} onSave={onRename} onDone={() => setRenaming(false)} /> : null}
      <div className="lib-item-meta muted">
        <span title={`${f.size} bytes`}>{formatBytes(f.size)}</span> · uploaded {fmtTime(f.created)}
      </div>
      <div className="lib-item-preview cell-mono"><span className="sr-only">Query: </span><code id={cmdId}>{cmd}</code></div>
      <div className="lib-item-actions row">
        {onInsert ? <button type="button" className="btn btn-sm btn-primary" aria-describedby={`${nameId} ${cmdId}`} onClick={() => onInsert(cmd)}>Use in query</button> : null}
        <a className="btn btn-sm" href={`/api/files/${encodeURIComponent(f.id)}/download`} download={f.title} aria-describedby={nameId}>Download</a>
        <button ref={renameBtn} type="button" className="btn btn-sm" aria-describedby={nameId} onClick={() => setRenaming(true)} disabled={renaming}>Rename</button>
        <button type="button" className="btn btn-sm btn-danger" aria-describedby={nameId} onClick={onDelete}>Delete</button>
      </div>
    </li>
  );
}
