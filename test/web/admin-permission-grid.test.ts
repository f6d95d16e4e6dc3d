import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ALL_CODENAMES, PERMISSION_ACTIONS, PERMISSION_MODELS, permissionGrid, setAction, setModel, setPermission, unknownPermissions } from '../../web/src/features/admin/permission-grid';
import { ALL_PERMISSIONS } from '../../src/auth/permissions';

describe('admin permission grid', () => {
  it('shows exactly the codenames the server seeds', () => {
    expect([...ALL_CODENAMES].sort()).toEqual(ALL_PERMISSIONS.map((p) => p.codename).sort());
  });

  it('marks checked cells and full/partial rows', () => {
    const rows = permissionGrid(['view_event', 'add_event', 'change_event', 'delete_event', 'view_user']);
    const event = rows.find((r) => r.model === 'event');
    const user = rows.find((r) => r.model === 'user');
    const group = rows.find((r) => r.model === 'group');
    expect(event?.allChecked).toBe(true);
    expect(event?.someChecked).toBe(false);
    expect(user?.someChecked).toBe(true);
    expect(user?.cells.filter((c) => c.checked).map((c) => c.codename)).toEqual(['view_user']);
    expect(group?.allChecked || group?.someChecked).toBe(false);
    expect(rows).toHaveLength(PERMISSION_MODELS.length);
    expect(rows[0]?.cells.map((c) => c.action)).toEqual([...PERMISSION_ACTIONS]);
  });

  it('disables cells a non-superuser does not hold, but keeps checked ones editable', () => {
    const held = new Set(['view_event']);
    const rows = permissionGrid(['delete_user'], held);
    const cell = (m: string, c: string) => rows.find((r) => r.model === m)?.cells.find((x) => x.codename === c);
    expect(cell('event', 'view_event')?.grantable).toBe(true);
    expect(cell('event', 'add_event')?.grantable).toBe(false);
    expect(cell('user', 'delete_user')?.grantable).toBe(true);
    expect(permissionGrid([], null).every((r) => r.cells.every((c) => c.grantable))).toBe(true);
  });

  it('toggles single cells, rows and columns', () => {
    expect(setPermission([], 'view_query', true)).toEqual(['view_query']);
    expect(setPermission(['view_query', 'view_query'], 'view_query', false)).toEqual([]);
    expect(setModel([], 'file', true)).toEqual(['add_file', 'change_file', 'delete_file', 'view_file']);
    expect(setModel(['add_file', 'view_event'], 'file', false)).toEqual(['view_event']);
    expect(setAction([], 'view', true)).toHaveLength(PERMISSION_MODELS.length);
    expect(setAction([], 'view', true, new Set(['view_event']))).toEqual(['view_event']);
    expect(setModel([], 'user', true, new Set(['view_user']))).toEqual(['view_user']);
  });

  it('keeps unknown codenames and lists them', () => {
    expect(unknownPermissions(['view_event', 'frobnicate_widget'])).toEqual(['frobnicate_widget']);
    expect(setModel(['frobnicate_widget'], 'event', true)).toContain('frobnicate_widget');
  });

  it('row toggle on then off restores the other rows (property)', () => {
    fc.assert(fc.property(fc.subarray([...ALL_CODENAMES]), fc.constantFrom(...PERMISSION_MODELS), (sel, model) => {
      const off = setModel(setModel(sel, model, true), model, false);
      expect(off).toEqual([...sel].filter((c) => !c.endsWith(`_${model}`)).sort());
    }));
  });
});
