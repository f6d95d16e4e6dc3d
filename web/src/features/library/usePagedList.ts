/** Loads an owner-scoped list endpoint page by page ({count, next, previous, results}) with reload and local edits. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import type { Page } from '../../api/types';

export const PAGE_SIZE = 100;

export interface PagedList<T> {
  items: T[];
  count: number;
  loading: boolean;
  error: unknown;
  hasMore: boolean;
  reload: () => void;
  loadMore: () => void;
  /** Replace the item with the same id (after an edit) or drop it (after a delete). */
  update: (id: string, next: T | null) => void;
}

export function usePagedList<T extends { id: string }>(path: string, refreshKey?: number): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [count, setCount] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const gen = useRef(0);

  const fetchPage = useCallback(async (offset: number) => {
    const mine = ++gen.current;
    setLoading(true);
    try {
      const page = await api<Page<T>>(`${path}?limit=${PAGE_SIZE}&offset=${offset}`);
      if (mine !== gen.current) return;
      setItems((prev) => {
        if (offset === 0) return page.results;
        const seen = new Set(prev.map((x) => x.id));
        return [...prev, ...page.results.filter((x) => !seen.has(x.id))];
      });
      setCount(page.count);
      setError(null);
    } catch (e) {
      if (mine === gen.current) setError(e);
    } finally {
      if (mine === gen.current) setLoading(false);
    }
  }, [path]);

  useEffect(() => { void fetchPage(0); }, [fetchPage, refreshKey]);
  useEffect(() => () => { gen.current += 1; }, []);

  const update = useCallback((id: string, next: T | null) => {
    setItems((prev) => (next ? prev.map((x) => (x.id === id ? next : x)) : prev.filter((x) => x.id !== id)));
    if (!next) setCount((c) => Math.max(0, c - 1));
  }, []);

  return {
    items, count, loading, error,
    hasMore: items.length < count,
    reload: () => { void fetchPage(0); },
    loadMore: () => { void fetchPage(items.length); },
    update,
  };
}
