/** Search within the manuals (debounced GET /api/manual/search); snippets are shown as text. */
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { Link } from '../../app/router';
import { useDebounced } from '../auth/useDebounced';
import { docHref, type ManualHit } from './docs-nav';

export function DocsSearch({ resetKey }: { resetKey: string }) {
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<ManualHit[] | null>(null);
  const [failed, setFailed] = useState(false);
  const query = useDebounced(q.trim(), 250);
  useEffect(() => { setQ(''); }, [resetKey]);
  useEffect(() => {
    if (query.length < 2) {
      setHits(null);
      setFailed(false);
      return;
    }
    const ctl = new AbortController();
    api<{ results: ManualHit[] }>(`/api/manual/search?q=${encodeURIComponent(query)}`, { signal: ctl.signal })
      .then((r) => { setHits(Array.isArray(r?.results) ? r.results : []); setFailed(false); })
      .catch(() => { if (!ctl.signal.aborted) { setHits(null); setFailed(true); } });
    return () => ctl.abort();
  }, [query]);
  const active = q.trim().length >= 2;
  return (
    <div className="docs-search" role="search">
      <input type="search" className="input" aria-label="Search the docs" placeholder="Search the docs" value={q}
        onChange={(e) => setQ(e.target.value)} onKeyDown={(e) => { if (e.key === 'Escape' && q) { e.preventDefault(); setQ(''); } }} />
      <div aria-live="polite" className="docs-search-results">
        {active && failed ? <p className="field-error">Search failed; try again.</p> : null}
        {active && hits ? (
          hits.length === 0 ? <p className="muted">No pages match “{query}”.</p> : (
            <>
              <p className="sr-only">{hits.length} result{hits.length === 1 ? '' : 's'}</p>
              <ul aria-label="Search results">
                {hits.map((h, i) => (
                  <li key={`${h.path}-${i}`}>
                    <Link to={docHref(h.path)}>{h.title || h.path}</Link>
                    {h.snippet ? <p className="docs-snippet">{h.snippet}</p> : null}
                  </li>
                ))}
              </ul>
            </>
          )
        ) : null}
      </div>
    </div>
  );
}
