/**
 * What the caller may do to a user row, mirroring the server's escalation rules (src/auth/admin.ts assertMayChange):
 * nobody changes their own active/admin/groups; only superusers change privileges or touch a superuser. The server
 * enforces all of this; the UI only hides what would be refused. Pure, unit-tested.
 */
export interface Caller { id: string; is_superuser: boolean; can: (perm: string) => boolean }
export interface Target { id: string; is_superuser: boolean; is_active: boolean }

export interface UserActions {
  toggleActive: boolean;
  toggleAdmin: boolean;
  resetLink: boolean;
  editGroups: boolean;
  remove: boolean;
}

export function userActions(caller: Caller, target: Target): UserActions {
  const self = caller.id === target.id;
  const mayTouch = !self && (caller.is_superuser || !target.is_superuser);
  return {
    toggleActive: mayTouch && caller.can('change_user'),
    toggleAdmin: !self && caller.is_superuser,
    resetLink: mayTouch && target.is_active && caller.can('change_user'),
    editGroups: !self && caller.is_superuser,
    remove: mayTouch && caller.can('delete_user'),
  };
}

/** Fields of the create-user form the server may name in ApiError.field. */
export const USER_FORM_FIELDS = ['username', 'email', 'password', 'is_superuser', 'groups'] as const;
export type UserFormField = (typeof USER_FORM_FIELDS)[number];

/** Maps an error's field (e.g. `body.username` or `username`) to a form field, or null for a page-level error. */
export function formFieldOf(field: string | undefined, known: readonly string[]): string | null {
  if (!field) return null;
  const f = field.replace(/^body\./, '').split('.')[0] ?? '';
  return known.includes(f) ? f : null;
}
