/**
 * Explore: write a pipeline query, pick a time range, run it (Ctrl/Cmd+Enter), cancel it, see results; save it,
 * share it as a link (`/explore?text=…&range=…`, never anything secret), give it a local context, and open the
 * Library (saved queries, contexts, uploads) beside it. `?text=` (and `?name=`) in the URL pre-fill and run.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { useLocation } from '../../app/router';
import { QueryEditor, type CommandInfo, type QueryDiagnostic } from '../../query-editor';
import { CopyButton, ErrorBanner, Notice } from '../../ui';
import { ContextsPanel, SavedQueriesPanel, UploadsPanel } from '../library/panels';
import { Results } from '../results';
import { fetchCommands, findSavedQuery } from './api';
import { contextText, parseContext } from './context-json';
import { ContextEditor } from './ContextEditor';
import { addFilter } from './filter';
import { RunStatus } from './RunStatus';
import { SaveQueryForm } from './SaveQueryForm';
import { ALL_TIME, exploreUrl, rangeBounds, rangeFromParams, type TimeRange } from './time-range';
import { TimeRangePicker } from './TimeRangePicker';
import { useQueryRunner } from './useQueryRunner';
import './explore.css';

export default function ExplorePage() {
  const loc = useLocation();
  const [text, setText] = useState('');
  const [name, setName] = useState('');
  const [range, setRange] = useState<TimeRange>(ALL_TIME);
  const [rangeError, setRangeError] = useState<string | null>(null);
  const [ctxText, setCtxText] = useState('');
  const [ctxOpen, setCtxOpen] = useState(false);
  const [ctxError, setCtxError] = useState<string | null>(null);
  const [commands, setCommands] = useState<CommandInfo[]>([]);
  const [fields, setFields] = useState<string[]>([]);
  const [diagnostics, setDiagnostics] = useState<QueryDiagnostic[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [libraryOpen, setLibraryOpen] = useState(false);
  const [savedKey, setSavedKey] = useState(0);
  const { state, run, cancel } = useQueryRunner();

  useEffect(() => {
    let live = true;
    fetchCommands().then((c) => { if (live) setCommands(c); }, () => { /* autocomplete just has no commands */ });
    return () => { live = false; };
  }, []);

  // The latest values for callbacks that outlive a render (editor keys, URL loading, filters).
  const latest = useRef({ text, range, ctxText });
  latest.current = { text, range, ctxText };

  /** Run `q` (default: the editor text) with the current range and context; updates the URL. */
  const runText = useCallback((q?: string, r?: TimeRange) => {
    const cur = latest.current;
    const queryText = q ?? cur.text;
    const useRange = r ?? cur.range;
    setNotice(null);
    if (queryText.trim() === '') { setNotice('Write a query first, e.g. search index=web | head -n 20'); return; }
    const ctx = parseContext(cur.ctxText);
    if (!ctx.ok) { setCtxError(ctx.error); setCtxOpen(true); return; }
    const b = rangeBounds(useRange);
    if ('error' in b) { setRangeError(b.error); return; }
    setRangeError(null);
    setDiagnostics([]);
    history.replaceState(history.state, '', exploreUrl(queryText, useRange));
    void run({ text: queryText, bounds: b.bounds, ...(ctx.value ? { localContext: ctx.value } : {}) });
  }, [run]);

  // Turn an error with a span into an underline, when the text is still the one that ran.
  useEffect(() => {
    const e = state.error;
    if (e instanceof ApiError && e.span && state.ranText !== null && state.ranText === latest.current.text) {
      setDiagnostics([{ from: e.span.start, to: e.span.end, message: e.message, source: e.code }]);
    }
  }, [state.error, state.ranText]);

  // ?text= / ?name= / ?range= pre-fill and run (also when an in-app link points here with new parameters).
  const qs = loc.path.startsWith('/explore') ? loc.search.toString() : '';
  useEffect(() => {
    const q = new URLSearchParams(qs);
    const t = q.get('text');
    const n = q.get('name');
    if (t === null && n === null && !q.has('range')) return;
    const r = rangeFromParams(q);
    setRange(r);
    if (n !== null) setName(n);
    if (t !== null) {
      setText(t);
      latest.current = { ...latest.current, text: t, range: r };
      runText(t, r);
    } else if (n !== null) {
      let live = true;
      findSavedQuery(n).then((sq) => {
        if (!live) return;
        if (!sq) { setNotice(`You have no saved query named “${n}”.`); return; }
        setText(sq.text);
        latest.current = { ...latest.current, text: sq.text, range: r };
        runText(sq.text, r);
      }, (e: unknown) => { if (live) setNotice(e instanceof Error ? e.message : String(e)); });
      return () => { live = false; };
    }
    return undefined;
  }, [qs, runText]);

  const onCancel = useCallback(() => cancel(), [cancel]);

  const onAddFilter = useCallback((field: string, value: unknown, negate: boolean) => {
    const next = addFilter(latest.current.text, field, value, negate);
    if (next === null) { setNotice(`Cannot filter on “${field}”: only field names made of letters, digits and _ can be used in a query.`); return; }
    setText(next);
    latest.current = { ...latest.current, text: next };
    runText(next);
  }, [runText]);

  const onFields = useCallback((f: string[]) => {
    setFields((prev) => {
      const add = f.filter((x) => !prev.includes(x));
      return add.length ? [...prev, ...add].slice(-2000) : prev;
    });
  }, []);

  const onCtxChange = (v: string): void => {
    setCtxText(v);
    const p = parseContext(v);
    setCtxError(p.ok ? null : p.error);
  };
  const parsedCtx = parseContext(ctxText);

  const onRangeChange = (r: TimeRange): void => {
    setRange(r);
    const b = rangeBounds(r);
    setRangeError('error' in b ? b.error : null);
  };

  const shareUrl = `${window.location.origin}${exploreUrl(text, range)}`;
  const err = state.error;
  const errorHasSpan = err instanceof ApiError && !!err.span && diagnostics.length > 0;

  return (
    <div className="explore">
      <div className={libraryOpen ? 'explore-grid library-open' : 'explore-grid'}>
        <section className="explore-query" aria-labelledby="explore-title">
          <div className="explore-head">
            <h1 id="explore-title">Explore</h1>
            <div className="explore-head-actions">
              <button type="button" className="btn" aria-expanded={libraryOpen} aria-controls="explore-library" onClick={() => setLibraryOpen(!libraryOpen)}>
                Library
              </button>
              <CopyButton text={shareUrl} label="Share link" />
            </div>
          </div>
          <form className="explore-form" onSubmit={(e) => { e.preventDefault(); runText(); }}>
            <QueryEditor
              value={text}
              onChange={setText}
              onRun={() => runText()}
              onCancel={onCancel}
              diagnostics={diagnostics}
              commands={commands}
              fields={fields}
            />
            <div className="explore-toolbar">
              <div className="explore-run">
                <button type="submit" className="btn btn-primary">Run</button>
                {state.running ? <button type="button" className="btn btn-danger" onClick={() => cancel()}>Cancel</button> : null}
              </div>
              <TimeRangePicker value={range} onChange={onRangeChange} error={rangeError} />
            </div>
          </form>
          <div className="explore-extras">
            <ContextEditor value={ctxText} onChange={onCtxChange} error={ctxError} open={ctxOpen} onOpen={setCtxOpen} />
            <SaveQueryForm text={text} name={name} onName={setName} onSaved={() => setSavedKey((k) => k + 1)} />
          </div>
          <RunStatus running={state.running} startedAt={state.startedAt} meta={state.meta} result={state.result} cancelled={state.cancelled} />
          {notice ? <Notice kind="warning">{notice}</Notice> : null}
          {err && !errorHasSpan ? <ErrorBanner error={err} /> : null}
        </section>

        {libraryOpen ? (
          <aside id="explore-library" className="explore-library" aria-labelledby="explore-library-title">
            <div className="explore-library-head">
              <h2 id="explore-library-title">Library</h2>
              <button type="button" className="btn btn-sm" onClick={() => setLibraryOpen(false)}>Close library</button>
            </div>
            <section className="explore-lib-section" aria-labelledby="explore-lib-queries">
              <h3 id="explore-lib-queries">Saved queries</h3>
              <SavedQueriesPanel
                refreshKey={savedKey}
                onLoad={(q) => { setText(q.text); setName(q.name ?? ''); setDiagnostics([]); }}
              />
            </section>
            <section className="explore-lib-section" aria-labelledby="explore-lib-contexts">
              <h3 id="explore-lib-contexts">Local contexts</h3>
              <ContextsPanel
                current={parsedCtx.ok ? parsedCtx.value : undefined}
                onLoad={(c) => { onCtxChange(contextText(c.context)); setCtxOpen(true); }}
              />
            </section>
            <section className="explore-lib-section" aria-labelledby="explore-lib-uploads">
              <h3 id="explore-lib-uploads">Uploads</h3>
              <UploadsPanel
                onInsertReadFile={(t) => {
                  const had = latest.current.text.trim() !== '';
                  setText(t);
                  setDiagnostics([]);
                  setNotice(had ? 'The editor now holds a read_file query for the upload (Ctrl+Z in the editor brings back your previous query).' : null);
                }}
              />
            </section>
          </aside>
        ) : (
          <div id="explore-library" hidden />
        )}

        <section className="explore-results" aria-labelledby="explore-results-title">
          <h2 id="explore-results-title" className="sr-only">Results</h2>
          {state.meta !== null ? (
            <Results result={state.result} meta={state.meta} onAddFilter={onAddFilter} onFields={onFields} />
          ) : null}
        </section>
      </div>
    </div>
  );
}
