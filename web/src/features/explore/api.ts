/** Explore's calls to the REST API (always through api() from api/client: CSRF header, 401 → login, ApiError). */
import { api } from '../../api/client';
import type { Page, QueryResponse } from '../../api/types';
import type { CommandInfo } from '../../query-editor';
import type { Bounds } from './time-range';

export interface SavedQuery { id: string; name: string | null; text: string; created?: string; modified?: string; _save?: boolean }

let commands: Promise<CommandInfo[]> | null = null;

/** GET /api/search_commands/ once per page load (a failure is retried on the next call). */
export function fetchCommands(): Promise<CommandInfo[]> {
  commands ??= api<CommandInfo[]>('/api/search_commands/').then((r) => (Array.isArray(r) ? r : []), (e: unknown) => {
    commands = null;
    throw e;
  });
  return commands;
}

export interface RunRequest {
  text: string;
  /** Sent as local_context when set. */
  localContext?: Record<string, unknown>;
  bounds: Bounds;
}

/** POST /api/query/; aborting the signal drops the connection, which cancels the query on the server. */
export function runQuery(r: RunRequest, signal: AbortSignal): Promise<QueryResponse> {
  const body: Record<string, unknown> = { text: r.text, ...r.bounds };
  if (r.localContext !== undefined) body.local_context = r.localContext;
  return api<QueryResponse>('/api/query/', { body, signal });
}

/** POST /api/queries/ (400 DLV_SAVED_NAME_TAKEN when the caller already has a query with this name). */
export function createSavedQuery(name: string, text: string): Promise<SavedQuery> {
  return api<SavedQuery>('/api/queries/', { body: { name, text, _save: true } });
}

/** The caller's saved query with exactly this name (pages through GET /api/queries/). */
export async function findSavedQuery(name: string): Promise<SavedQuery | undefined> {
  for (let offset = 0; offset < 100_000; offset += 1000) {
    const page = await api<Page<SavedQuery>>(`/api/queries/?limit=1000&offset=${offset}`);
    const hit = page.results.find((q) => q.name === name);
    if (hit) return hit;
    if (!page.next || page.results.length === 0) return undefined;
  }
  return undefined;
}

/** PATCH /api/queries/:id/ with new text (keeps the name). */
export function updateSavedQueryText(id: string, text: string): Promise<SavedQuery> {
  return api<SavedQuery>(`/api/queries/${encodeURIComponent(id)}/`, { method: 'PATCH', body: { text, _save: true } });
}
