/**
 * /library — saved queries, local contexts, the global context and uploaded files, as tabs (WAI-ARIA tabs: arrow
 * keys, Home/End; the chosen tab is kept in ?tab= so it can be linked). Loading a query opens it in Explore.
 */
import { useId, useRef, type KeyboardEvent } from 'react';
import { navigate, useLocation } from '../../app/router';
import { PageHeader } from '../../ui';
import { exploreHref } from './format';
import { ContextsPanel, GlobalContextEditor, SavedQueriesPanel, UploadsPanel } from './panels';
import './library.css';

const TABS = [
  { key: 'queries', label: 'Saved queries' },
  { key: 'contexts', label: 'Local contexts' },
  { key: 'global', label: 'Global context' },
  { key: 'files', label: 'Files' },
] as const;
type TabKey = (typeof TABS)[number]['key'];

function Panel({ tab }: { tab: TabKey }) {
  switch (tab) {
    case 'queries':
      return <SavedQueriesPanel onLoad={(q) => navigate(exploreHref(q.name, q.text))} />;
    case 'contexts':
      return <ContextsPanel />;
    case 'global':
      return <GlobalContextEditor />;
    case 'files':
      return <UploadsPanel onInsertReadFile={(text) => navigate(exploreHref(null, text))} />;
  }
}

export default function LibraryPage() {
  const { search } = useLocation();
  const asked = search.get('tab');
  const active: TabKey = TABS.find((t) => t.key === asked)?.key ?? 'queries';
  const base = useId();
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});

  const select = (key: TabKey, focus = false): void => {
    navigate(`/library?tab=${key}`, { replace: true });
    if (focus) refs.current[key]?.focus();
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    const i = TABS.findIndex((t) => t.key === active);
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % TABS.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + TABS.length) % TABS.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = TABS.length - 1;
    if (next < 0) return;
    e.preventDefault();
    select(TABS[next]!.key, true);
  };

  return (
    <div className="page library">
      <PageHeader title="Library" />
      <div className="tabs" role="tablist" aria-label="Library sections" onKeyDown={onKey}>
        {TABS.map((t) => (
          <button
            key={t.key} ref={(el) => { refs.current[t.key] = el; }} type="button" role="tab" className="tab"
            id={`${base}-tab-${t.key}`} aria-controls={t.key === active ? `${base}-panel-${t.key}` : undefined} aria-selected={t.key === active}
            tabIndex={t.key === active ? 0 : -1} onClick={() => select(t.key)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel-${active}`} aria-labelledby={`${base}-tab-${active}`} tabIndex={0} className="lib-tabpanel">
        <Panel key={active} tab={active} />
      </div>
    </div>
  );
}
