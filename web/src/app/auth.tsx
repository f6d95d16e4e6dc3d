/** Who is logged in: loads /api/auth/me once, keeps the CSRF token in memory (never in storage), logs out. */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, setCsrfToken } from '../api/client';
import type { Me, PublicUser } from '../api/types';

export interface AuthState {
  /** undefined while loading, null when not logged in. */
  me: Me | null | undefined;
  refresh: () => Promise<Me | null>;
  /** After a successful login (the response carries the user and CSRF token). */
  loggedIn: (user: PublicUser, csrf: string) => Promise<void>;
  logout: () => Promise<void>;
  /** True for superusers and for users holding the permission (e.g. "view_user"). */
  can: (perm: string) => boolean;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const refresh = useCallback(async (): Promise<Me | null> => {
    try {
      const m = await api<Me>('/api/auth/me', { allow401: true });
      setCsrfToken(m.csrf_token);
      setMe(m);
      return m;
    } catch {
      setCsrfToken(null);
      setMe(null);
      return null;
    }
  }, []);
  useEffect(() => { void refresh(); }, [refresh]);
  const loggedIn = useCallback(async (_user: PublicUser, csrf: string) => {
    setCsrfToken(csrf);
    await refresh();
  }, [refresh]);
  const logout = useCallback(async () => {
    try { await api('/api/auth/logout', { method: 'POST', allow401: true }); } finally {
      setCsrfToken(null);
      setMe(null);
    }
  }, []);
  const can = useCallback((perm: string) => {
    const u = me?.user;
    if (!u) return false;
    return u.is_superuser || (u.permissions ?? []).includes(perm);
  }, [me]);
  return <AuthContext.Provider value={{ me, refresh, loggedIn, logout, can }}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const a = useContext(AuthContext);
  if (!a) throw new Error('useAuth outside AuthProvider');
  return a;
}
