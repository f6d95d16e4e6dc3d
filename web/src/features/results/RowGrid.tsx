/**
 * The virtualized rows table (ARIA grid of divs): only the visible rows are in the DOM, so 100,000 rows scroll
 * smoothly. Sortable headers (asc → desc → none), a column chooser, and rows that expand to their JSON.
 * Keyboard: Tab reaches the header buttons and one row button; ↑/↓/PageUp/PageDown/Home/End move between rows,
 * Enter/Space expands or collapses, Esc closes the column chooser.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, useState, useTransition, type KeyboardEvent } from 'react';
import { CopyButton } from '../../ui';
import { ColumnChooser } from './ColumnChooser';
import { columnUnion, nextSort, sortedOrder, type SortState } from './rows';
import { cellText, getOwn, safeJson, truncate, type Rec } from './values';

const ROW_HEIGHT = 33;
const HEADER_HEIGHT = 36;
const EXPAND_WIDTH = 44;
const CELL_MAX = 400;

function defaultWidth(column: string): number {
  switch (column) {
    case 'text': return 460;
    case 'created': return 200;
    case 'extracted_fields': return 320;
    case 'id': return 140;
    default: return Math.min(260, Math.max(110, column.length * 9 + 40));
  }
}

function ariaSort(sort: SortState | null, column: string): 'ascending' | 'descending' | 'none' {
  if (!sort || sort.column !== column) return 'none';
  return sort.dir === 'asc' ? 'ascending' : 'descending';
}

/** Memoised: Explore re-renders on every keystroke; the grid only cares about its rows. */
export const RowGrid = memo(function RowGrid({ rows }: { rows: Rec[] }) {
  const allColumns = useMemo(() => columnUnion(rows), [rows]);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const [sort, setSort] = useState<SortState | null>(null);
  const [sorting, startSort] = useTransition(); // sorting 100,000 rows takes a moment: keep the page responsive
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => new Set());
  const [active, setActive] = useState(0);
  const focusPending = useRef(false);
  const scrollRef = useRef<HTMLDivElement>(null);

  // The visible width, so an expanded row's JSON fits the viewport rather than the (wider) row.
  const [viewWidth, setViewWidth] = useState(0);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setViewWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // A new result: collapse rows, back to the top; keep the sort and hidden columns (often the same fields).
  useEffect(() => {
    setExpanded(new Set());
    setActive(0);
    scrollRef.current?.scrollTo({ top: 0 });
  }, [rows]);

  const columns = useMemo(() => allColumns.filter((c) => !hidden.has(c)), [allColumns, hidden]);
  const effectiveSort = sort && allColumns.includes(sort.column) ? sort : null;
  const order = useMemo(() => sortedOrder(rows, effectiveSort), [rows, effectiveSort]);
  const widths = useMemo(() => columns.map(defaultWidth), [columns]);
  const totalWidth = EXPAND_WIDTH + widths.reduce((a, b) => a + b, 0);

  // Stable callbacks: the virtualizer recomputes every row's position when they change.
  const getScrollElement = useCallback(() => scrollRef.current, []);
  const estimateSize = useCallback(() => ROW_HEIGHT, []);
  const getItemKey = useCallback((i: number) => order[i] ?? i, [order]);
  const virtualizer = useVirtualizer({
    count: order.length,
    getScrollElement,
    estimateSize,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    getItemKey,
    useFlushSync: false,
  });

  // After keyboard navigation, focus the active row's button once it is rendered.
  useEffect(() => {
    if (!focusPending.current) return;
    const el = scrollRef.current?.querySelector<HTMLButtonElement>(`button[data-pos="${active}"]`);
    if (el) {
      focusPending.current = false;
      el.focus({ preventScroll: true });
    }
  });

  const moveTo = (pos: number): void => {
    const p = Math.max(0, Math.min(order.length - 1, pos));
    setActive(p);
    focusPending.current = true;
    virtualizer.scrollToIndex(p, { align: 'auto' });
  };

  const toggle = (rowIndex: number): void => {
    setExpanded((cur) => {
      const next = new Set(cur);
      if (next.has(rowIndex)) next.delete(rowIndex);
      else next.add(rowIndex);
      return next;
    });
  };

  const onRowKey = (e: KeyboardEvent<HTMLButtonElement>, pos: number): void => {
    const page = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 400) - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
    const to = { ArrowDown: pos + 1, ArrowUp: pos - 1, PageDown: pos + page, PageUp: pos - page, Home: 0, End: order.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    moveTo(to);
  };

  const items = virtualizer.getVirtualItems();
  const colCount = columns.length + 1;
  // Roving tab stop: the active row, or (scrolled away from it) the first row in view.
  const offset = virtualizer.scrollOffset ?? 0;
  const tabPos = items.some((it) => it.index === active) ? active : (items.find((it) => it.end > offset + HEADER_HEIGHT) ?? items[0])?.index;

  return (
    <div className="rg">
      <div className="rg-toolbar">
        <ColumnChooser
          columns={allColumns}
          hidden={hidden}
          onChange={setHidden}
        />
        {effectiveSort ? (
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => startSort(() => setSort(null))}>Clear sort</button>
        ) : null}
        {sorting ? <span className="muted" role="status">Sorting…</span> : null}
      </div>
      <div
        ref={scrollRef}
        className="rg-scroll"
        role="grid"
        aria-label="Result rows"
        aria-rowcount={order.length + 1}
        aria-colcount={colCount}
        tabIndex={-1}
      >
        <div role="rowgroup" className="rg-head" style={{ width: totalWidth }}>
          <div role="row" aria-rowindex={1} className="rg-row rg-header-row">
            <div role="columnheader" className="rg-cell rg-expand-cell" style={{ width: EXPAND_WIDTH }}>
              <span className="sr-only">Details</span>
            </div>
            {columns.map((c, i) => {
              const s = ariaSort(effectiveSort, c);
              return (
                <div key={c} role="columnheader" aria-sort={s} className="rg-cell rg-header-cell" style={{ width: widths[i] }}>
                  <button type="button" className="rg-sort" title={`Sort by ${c}`} onClick={() => startSort(() => setSort((cur) => nextSort(cur, c)))}>
                    <span className="rg-sort-name">{c}</span>
                    <span className="rg-sort-icon" aria-hidden="true">{s === 'ascending' ? '▲' : s === 'descending' ? '▼' : '↕'}</span>
                  </button>
                </div>
              );
            })}
          </div>
        </div>
        <div role="rowgroup" className="rg-body" style={{ height: virtualizer.getTotalSize(), width: totalWidth }}>
          {items.map((item) => {
            const pos = item.index;
            const rowIndex = order[pos] as number;
            const row = rows[rowIndex] as Rec;
            const isOpen = expanded.has(rowIndex);
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className={pos % 2 ? 'rg-item rg-odd' : 'rg-item'}
                style={{ transform: `translateY(${item.start - HEADER_HEIGHT}px)` }}
              >
                <div role="row" aria-rowindex={pos + 2} className="rg-row">
                  <div role="gridcell" className="rg-cell rg-expand-cell" style={{ width: EXPAND_WIDTH }}>
                    <button
                      type="button"
                      className="rg-expand"
                      data-pos={pos}
                      tabIndex={pos === tabPos ? 0 : -1}
                      aria-expanded={isOpen}
                      aria-label={`${isOpen ? 'Collapse' : 'Expand'} row ${pos + 1}`}
                      onClick={() => { setActive(pos); toggle(rowIndex); }}
                      onFocus={() => setActive(pos)}
                      onKeyDown={(e) => onRowKey(e, pos)}
                    >
                      <span aria-hidden="true">{isOpen ? '▾' : '▸'}</span>
                    </button>
                  </div>
                  {columns.map((c, i) => {
                    const v = getOwn(row, c);
                    const text = cellText(c, v);
                    const shown = truncate(text, CELL_MAX);
                    const full = c === 'created' && typeof v === 'string' ? v : text;
                    return (
                      <div key={c} role="gridcell" className={v === null ? 'rg-cell results-null' : 'rg-cell'} style={{ width: widths[i] }} title={full ? truncate(full, 2000) : undefined}>
                        {shown}
                      </div>
                    );
                  })}
                </div>
                {isOpen ? (
                  <div role="row" className="rg-detail-row">
                    <div role="gridcell" aria-colspan={colCount} className="rg-detail" style={viewWidth ? { width: Math.min(viewWidth, totalWidth) } : undefined}>
                      <div className="rg-detail-actions">
                        <span className="muted">Row {pos + 1}</span>
                        <CopyButton text={safeJson(row, 2)} label="Copy JSON" />
                      </div>
                      <pre className="rg-json">{safeJson(row, 2)}</pre>
                    </div>
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
});
