import { describe, expect, it } from 'vitest';
import { adminSectionFor } from '../../web/src/features/admin/sections';
import { certLevel, daysLeftText, groupFindings } from '../../web/src/features/admin/security-model';
import { formFieldOf, userActions } from '../../web/src/features/admin/user-rules';

describe('admin security status model', () => {
  it('groups findings by severity, errors first, skipping empty groups', () => {
    const g = groupFindings([
      { code: 'DLV_A', severity: 'info', message: 'i' },
      { code: 'DLV_B', severity: 'error', message: 'e' },
      { code: 'DLV_C', severity: 'warning', message: 'w' },
      { code: 'DLV_D', severity: 'error', message: 'e2' },
    ]);
    expect(g.map((x) => x.severity)).toEqual(['error', 'warning', 'info']);
    expect(g[0]?.findings.map((f) => f.code)).toEqual(['DLV_B', 'DLV_D']);
    expect(groupFindings([{ code: 'X', severity: 'error', message: '' }]).map((x) => x.severity)).toEqual(['error']);
    expect(groupFindings([])).toEqual([]);
  });

  it('warns about certificates expiring within 30 days', () => {
    expect(certLevel(90)).toBe('ok');
    expect(certLevel(30)).toBe('ok');
    expect(certLevel(29.5)).toBe('warn');
    expect(certLevel(0)).toBe('warn');
    expect(certLevel(-1)).toBe('bad');
    expect(certLevel(undefined)).toBe('neutral');
    expect(daysLeftText(1)).toBe('1 day left');
    expect(daysLeftText(12.7)).toBe('12 days left');
    expect(daysLeftText(-3)).toBe('expired 3 days ago');
  });
});

describe('admin sections and user rules', () => {
  it('routes /admin paths', () => {
    expect(adminSectionFor('/admin')).toBe('overview');
    expect(adminSectionFor('/admin/')).toBe('overview');
    expect(adminSectionFor('/admin/users/')).toMatchObject({ id: 'users' });
    expect(adminSectionFor('/admin/security')).toMatchObject({ id: 'security', superuserOnly: true });
    expect(adminSectionFor('/admin/nope')).toBeNull();
  });

  it('mirrors the server escalation rules', () => {
    const perms = (list: string[]) => (p: string) => list.includes(p);
    const admin = { id: 'a', is_superuser: true, can: () => true };
    const helpdesk = { id: 'h', is_superuser: false, can: perms(['view_user', 'change_user']) };
    const bob = { id: 'b', is_superuser: false, is_active: true };
    const root = { id: 'r', is_superuser: true, is_active: true };
    expect(userActions(admin, bob)).toEqual({ toggleActive: true, toggleAdmin: true, resetLink: true, editGroups: true, remove: true });
    expect(userActions(admin, { ...admin, is_active: true })).toEqual({ toggleActive: false, toggleAdmin: false, resetLink: false, editGroups: false, remove: false });
    expect(userActions(helpdesk, bob)).toEqual({ toggleActive: true, toggleAdmin: false, resetLink: true, editGroups: false, remove: false });
    expect(userActions(helpdesk, root)).toEqual({ toggleActive: false, toggleAdmin: false, resetLink: false, editGroups: false, remove: false });
    expect(userActions(admin, { ...bob, is_active: false }).resetLink).toBe(false);
  });

  it('maps error fields to form fields', () => {
    expect(formFieldOf('username', ['username'])).toBe('username');
    expect(formFieldOf('body.username', ['username'])).toBe('username');
    expect(formFieldOf('patterns', ['username'])).toBeNull();
    expect(formFieldOf(undefined, ['username'])).toBeNull();
  });
});
