/** Row results: the field sidebar next to (narrow screens: above) the virtualized table. */
import { useState } from 'react';
import { FieldSidebar } from './FieldSidebar';
import { RowGrid } from './RowGrid';
import type { Rec } from './values';

export function RowsView({ rows, onAddFilter }: { rows: Rec[]; onAddFilter?: ((field: string, value: unknown, negate: boolean) => void) | undefined }) {
  const [sidebarOpen, setSidebarOpen] = useState(() => typeof window === 'undefined' || !window.matchMedia?.('(max-width: 900px)').matches);
  return (
    <div className={sidebarOpen ? 'results-rows' : 'results-rows sidebar-closed'}>
      <FieldSidebar rows={rows} open={sidebarOpen} onToggle={() => setSidebarOpen((o) => !o)} onAddFilter={onAddFilter} />
      <RowGrid rows={rows} />
    </div>
  );
}
