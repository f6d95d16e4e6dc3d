/**
 * My global context: template variables available to every query I run (a local context overrides them).
 * GET /api/globals/ lists at most my one record; POST /api/globals/ {context} creates it (201) or replaces it (200).
 */
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import { ErrorBanner, fmtTime, Notice, Spinner } from '../../ui';
import { checkJson } from './json-check';
import { JsonEditor } from './JsonEditor';
import type { GlobalContext } from './types';
import './library.css';

const pretty = (v: unknown): string => JSON.stringify(v ?? {}, null, 2);

export function GlobalContextEditor() {
  const [loaded, setLoaded] = useState<GlobalContext | null | undefined>(undefined);
  const [text, setText] = useState('');
  const [original, setOriginal] = useState('');
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const check = useMemo(() => checkJson(text, { requireObject: true }), [text]);
  const dirty = text !== original;

  const load = useCallback(async () => {
    try {
      const page = await api<Page<GlobalContext>>('/api/globals/');
      const g = page.results[0] ?? null;
      const t = pretty(g?.context);
      setLoaded(g);
      setText(t);
      setOriginal(t);
      setLoadError(null);
    } catch (e) {
      setLoadError(e);
      setLoaded(null);
    }
  }, []);
  useEffect(() => { void load(); }, [load]);

  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!check.ok || saving) return;
    setSaving(true);
    try {
      const g = await api<GlobalContext>('/api/globals/', { method: 'POST', body: { context: check.value } });
      const t = pretty(g.context);
      setLoaded(g);
      setText(t);
      setOriginal(t);
      setSaveError(null);
      setNotice('Global context saved.');
    } catch (err) {
      setSaveError(err);
    } finally {
      setSaving(false);
    }
  };

  if (loaded === undefined) return <Spinner label="Loading the global context" />;
  return (
    <form className="lib-panel lib-global" onSubmit={(e) => void save(e)} aria-label="Global context">
      <ErrorBanner error={loadError} />
      <p className="muted">
        Variables here are available in the templates of every query you run, e.g. {'{"team": "ops"}'} makes {'{{ team }}'} usable.
        A local context with the same key wins.
      </p>
      <JsonEditor
        label="Global context (JSON object)" value={text} check={check} rows={14}
        onChange={(t) => { setText(t); setNotice(null); }}
      />
      <ErrorBanner error={saveError} />
      {notice && !dirty ? <Notice kind="success">{notice}</Notice> : null}
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={!check.ok || saving || !!loadError}>{saving ? 'Saving…' : 'Save'}</button>
        <button type="button" className="btn" disabled={!dirty || saving} onClick={() => { setText(original); setSaveError(null); }}>Revert</button>
        {dirty ? <span className="muted">Unsaved changes</span> : loaded ? <span className="muted">Last saved {fmtTime(loaded.modified)}</span> : <span className="muted">Not saved yet</span>}
      </div>
    </form>
  );
}
