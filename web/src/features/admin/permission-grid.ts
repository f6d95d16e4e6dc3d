/**
 * The permission checkbox grid: Django-style `<action>_<model>` codenames exactly as the server seeds them
 * (src/auth/permissions.ts), one row per model, one column per action. Pure functions, unit-tested.
 */
export const PERMISSION_MODELS = ['event', 'query', 'context', 'file', 'user', 'group', 'token'] as const;
export const PERMISSION_ACTIONS = ['view', 'add', 'change', 'delete'] as const;
export type PermissionModel = (typeof PERMISSION_MODELS)[number];
export type PermissionAction = (typeof PERMISSION_ACTIONS)[number];

export const MODEL_LABELS: Readonly<Record<PermissionModel, string>> = {
  event: 'Events', query: 'Saved queries', context: 'Contexts', file: 'Files', user: 'Users', group: 'Groups', token: 'API tokens',
};

export const codenameOf = (action: PermissionAction, model: PermissionModel): string => `${action}_${model}`;

/** Every codename the grid knows, in grid order. */
export const ALL_CODENAMES: readonly string[] = PERMISSION_MODELS.flatMap((m) => PERMISSION_ACTIONS.map((a) => codenameOf(a, m)));
const KNOWN = new Set(ALL_CODENAMES);

export interface GridCell {
  action: PermissionAction;
  codename: string;
  checked: boolean;
  /** False when the caller may not add it (non-superusers grant only what they hold); already-checked stay editable. */
  grantable: boolean;
}
export interface GridRow { model: PermissionModel; label: string; cells: GridCell[]; allChecked: boolean; someChecked: boolean }

/**
 * The grid for a selection. `held` is what the caller may grant: null means everything (a superuser).
 */
export function permissionGrid(selected: readonly string[], held: ReadonlySet<string> | null = null): GridRow[] {
  const sel = new Set(selected);
  return PERMISSION_MODELS.map((model) => {
    const cells = PERMISSION_ACTIONS.map((action) => {
      const c = codenameOf(action, model);
      const checked = sel.has(c);
      return { action, codename: c, checked, grantable: checked || held === null || held.has(c) };
    });
    const n = cells.filter((c) => c.checked).length;
    return { model, label: MODEL_LABELS[model], cells, allChecked: n === cells.length, someChecked: n > 0 && n < cells.length };
  });
}

/** Sorted, de-duplicated list. */
const norm = (list: Iterable<string>): string[] => [...new Set(list)].sort();

/** Adds or removes one codename. */
export function setPermission(selected: readonly string[], code: string, on: boolean): string[] {
  const s = new Set(selected);
  if (on) s.add(code); else s.delete(code);
  return norm(s);
}

/** Turns a whole model row on or off (only grantable codenames are added; removal always works). */
export function setModel(selected: readonly string[], model: PermissionModel, on: boolean, held: ReadonlySet<string> | null = null): string[] {
  const s = new Set(selected);
  for (const a of PERMISSION_ACTIONS) {
    const c = codenameOf(a, model);
    if (!on) s.delete(c);
    else if (held === null || held.has(c)) s.add(c);
  }
  return norm(s);
}

/** Turns a whole action column on or off (same rule as setModel). */
export function setAction(selected: readonly string[], action: PermissionAction, on: boolean, held: ReadonlySet<string> | null = null): string[] {
  const s = new Set(selected);
  for (const m of PERMISSION_MODELS) {
    const c = codenameOf(action, m);
    if (!on) s.delete(c);
    else if (held === null || held.has(c)) s.add(c);
  }
  return norm(s);
}

/** Codenames in the selection that the grid does not show (kept as they are, listed under the grid). */
export function unknownPermissions(selected: readonly string[]): string[] {
  return norm(selected.filter((c) => !KNOWN.has(c)));
}
