/** API shapes used by the login, setup and profile pages (not in api/types.ts). */
import type { PublicUser } from '../../api/types';

export interface LoginResponse { user: PublicUser; csrf_token: string }
export interface SetupStatus { needed: boolean }
export interface PasswordRule { id: string; label: string; ok: boolean }
export interface PasswordCheck { ok: boolean; rules: PasswordRule[] }
