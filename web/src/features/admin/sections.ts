/** The administration sub-pages and which one a path shows. Pure, unit-tested. */
export interface AdminSection {
  id: 'users' | 'groups' | 'audit' | 'security';
  path: string;
  label: string;
  description: string;
  /** Permission that opens it (superusers always may). */
  permission: string;
  superuserOnly: boolean;
}

export const ADMIN_SECTIONS: readonly AdminSection[] = [
  { id: 'users', path: '/admin/users', label: 'Users', permission: 'view_user', superuserOnly: false,
    description: 'Create accounts, disable or enable them, grant administrator rights, make password-reset links, choose groups.' },
  { id: 'groups', path: '/admin/groups', label: 'Groups', permission: 'view_group', superuserOnly: false,
    description: 'Permissions and the indexes each group may read and write, with a live preview of what the patterns match.' },
  { id: 'audit', path: '/admin/audit', label: 'Audit log', permission: 'superuser', superuserOnly: true,
    description: 'Who did what and when: logins, account and group changes, tokens. Verify the tamper-evident chain.' },
  { id: 'security', path: '/admin/security', label: 'Security status', permission: 'superuser', superuserOnly: true,
    description: 'Deployment checks: secret key and rotation, TLS certificate expiry, database encryption, DEBUG, audit chain.' },
];

/** 'overview' for /admin, the section for /admin/<id>, null for anything else under /admin. */
export function adminSectionFor(path: string): AdminSection | 'overview' | null {
  const p = path.replace(/\/+$/, '');
  if (p === '/admin') return 'overview';
  return ADMIN_SECTIONS.find((s) => p === s.path) ?? null;
}
