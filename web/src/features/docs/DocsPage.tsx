/**
 * /docs and /docs/<path> — the user and admin manuals and the command reference, rendered by the server
 * (markdown-it, raw HTML disabled). The server's `html` is the only HTML this UI ever injects.
 */
import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { Link, navigate, useLocation } from '../../app/router';
import { ErrorBanner, Spinner } from '../../ui';
import { DocsSearch } from './DocsSearch';
import { defaultDocPath, docHref, docPathFromPathname, groupPages, internalDocTarget, samePage, type ManualPage, type ManualPageRef } from './docs-nav';
import './docs.css';

export default function DocsPage() {
  const { path: pathname, hash } = useLocation();
  const docPath = docPathFromPathname(pathname);
  const [pages, setPages] = useState<ManualPageRef[] | null>(null);
  const [listError, setListError] = useState<unknown>(null);
  const [page, setPage] = useState<ManualPage | null>(null);
  const [pageError, setPageError] = useState<unknown>(null);
  const [navOpen, setNavOpen] = useState(false);
  const articleRef = useRef<HTMLElement>(null);
  const firstLoad = useRef(true);

  useEffect(() => {
    const ctl = new AbortController();
    api<{ pages: ManualPageRef[] }>('/api/manual/', { signal: ctl.signal })
      .then((r) => setPages(Array.isArray(r?.pages) ? r.pages : []))
      .catch((e: unknown) => { if (!ctl.signal.aborted) setListError(e); });
    return () => ctl.abort();
  }, []);

  // /docs alone: show the default page under its real address, so relative links inside it resolve correctly.
  useEffect(() => {
    if (docPath !== null || !pages) return;
    const d = defaultDocPath(pages);
    if (d) navigate(docHref(d) + hash, { replace: true });
  }, [docPath, pages, hash]);

  useEffect(() => {
    setNavOpen(false);
    if (docPath === null) return;
    const ctl = new AbortController();
    setPageError(null);
    api<ManualPage>(`/api/manual/page?path=${encodeURIComponent(docPath)}`, { signal: ctl.signal })
      .then((p) => setPage(p))
      .catch((e: unknown) => { if (!ctl.signal.aborted) { setPage(null); setPageError(e); } });
    return () => ctl.abort();
  }, [docPath]);

  useEffect(() => {
    if (!page) return;
    document.title = `${page.title} · Delve docs`;
    return () => { document.title = 'Delve'; };
  }, [page]);

  // After a page (or fragment) change: scroll to the anchor, else to the top and move focus to the page body.
  useEffect(() => {
    if (!page) return;
    const id = hash.length > 1 ? safeDecode(hash.slice(1)) : '';
    const target = id ? document.getElementById(id) : null;
    if (target) target.scrollIntoView();
    else if (!firstLoad.current) {
      window.scrollTo(0, 0);
      articleRef.current?.focus({ preventScroll: true });
    }
    firstLoad.current = false;
  }, [page, hash]);

  const onBodyClick = (e: MouseEvent<HTMLDivElement>): void => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = e.target instanceof Element ? e.target.closest('a') : null;
    if (!a || (a.target && a.target !== '_self') || a.hasAttribute('download')) return;
    const to = internalDocTarget(a.href, window.location.href);
    if (!to) return;
    e.preventDefault();
    navigate(to);
  };

  const groups = pages ? groupPages(pages) : [];
  const hasH1 = page ? /<h1[\s>]/i.test(page.html) : false;
  const notFound = pageError instanceof ApiError && pageError.status === 404;
  return (
    <div className="docs">
      <div className="docs-side">
        <DocsSearch resetKey={docPath ?? ''} />
        <button type="button" className="btn docs-nav-toggle" aria-expanded={navOpen} aria-controls="docs-nav" onClick={() => setNavOpen(!navOpen)}>
          All pages
        </button>
        <nav id="docs-nav" aria-label="Manual" className={navOpen ? 'docs-nav open' : 'docs-nav'}>
          {listError ? <ErrorBanner error={listError} /> : null}
          {!pages && !listError ? <Spinner label="Loading the list of pages" /> : null}
          {groups.map((g, gi) => (
            <div key={g.section} className="docs-nav-group">
              <p className="docs-section" id={`docs-sec-${gi}`}>{g.section}</p>
              <ul aria-labelledby={`docs-sec-${gi}`}>
                {g.pages.map((p) => {
                  const cur = samePage(p.path, docPath);
                  return (
                    <li key={p.path}>
                      <Link to={docHref(p.path)} className={cur ? 'docs-link active' : 'docs-link'} aria-current={cur ? 'page' : undefined}>{p.title || p.path}</Link>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
          {pages && pages.length === 0 ? <p className="muted">No manual pages are installed.</p> : null}
        </nav>
      </div>
      <article className="docs-main" ref={articleRef} tabIndex={-1} aria-busy={!page && !pageError ? true : undefined}>
        {pageError ? (
          <>
            <h1>{notFound ? 'No such page' : 'Docs'}</h1>
            {notFound ? <p>There is no manual page at this address. <Link to="/docs">Go to the start of the manual</Link>.</p> : <ErrorBanner error={pageError} />}
          </>
        ) : null}
        {!page && !pageError ? <><h1 className="sr-only">Docs</h1><Spinner label="Loading the page" /></> : null}
        {page && !pageError ? (
          <>
            {hasH1 ? null : <h1>{page.title}</h1>}
            {/* Server-rendered Markdown (markdown-it, html: false): the one sanctioned use of injected HTML. */}
            <div className="docs-body" onClick={onBodyClick} dangerouslySetInnerHTML={{ __html: page.html }} />
          </>
        ) : null}
      </article>
      {page && !pageError && (page.toc ?? []).filter((t) => t.level >= 2 && t.level <= 3).length > 1 ? (
        <nav className="docs-toc" aria-label="On this page">
          <p className="docs-toc-title">On this page</p>
          <ul>
            {(page.toc ?? []).filter((t) => t.level >= 2 && t.level <= 3).map((t) => (
              <li key={t.id} className={`docs-toc-l${t.level}`}><a href={`#${encodeURIComponent(t.id)}`}>{t.text}</a></li>
            ))}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}

function safeDecode(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}
