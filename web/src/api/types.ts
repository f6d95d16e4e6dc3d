/** Shapes of Delve's REST API as the UI uses them (see src/server/routes/ for the source of truth). */
export interface PublicUser {
  id: string;
  username: string;
  email: string;
  is_active: boolean;
  is_superuser: boolean;
  permissions?: string[];
  groups?: string[];
  [k: string]: unknown;
}

export interface Me {
  user: PublicUser;
  via: string;
  csrf_token: string | null;
  scope: string | null;
}

export interface Page<T> { count: number; next: string | null; previous: string | null; results: T[] }

export interface QueryMeta { took_ms: number; rows: number | null; truncated: boolean; limit?: number; [k: string]: unknown }
export interface QueryResponse { result: unknown; meta: QueryMeta }

export interface CommandArgument {
  name: string;
  flags?: string[];
  help?: string;
  [k: string]: unknown;
}
export interface SearchCommand { name: string; usage: string; help: string; arguments: CommandArgument[]; [k: string]: unknown }
