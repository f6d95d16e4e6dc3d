/** Create or edit a group: name, permission grid, index read/write patterns with a live preview. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { useAuth } from '../../app/auth';
import { ErrorBanner, Field } from '../../ui';
import type { AdminGroup } from './admin-types';
import { parsePatternText, patternListError, patternsToText } from './index-patterns';
import { PermissionGrid } from './PermissionGrid';
import { PatternListEditor } from './PatternListEditor';
import { usePatternPreview } from './usePatternPreview';
import { formFieldOf } from './user-rules';

const FIELDS = ['name', 'permissions', 'index_read', 'index_write'];

export function GroupEditor({ group, onSaved, onCancel }: { group: AdminGroup | null; onSaved: (g: AdminGroup) => void; onCancel: () => void }) {
  const { me } = useAuth();
  const isSuper = !!me?.user.is_superuser;
  const held = isSuper ? null : new Set(me?.user.permissions ?? []);
  const [name, setName] = useState(group?.name ?? '');
  const [perms, setPerms] = useState<string[]>(group?.permissions ?? []);
  const [readText, setReadText] = useState(patternsToText(group?.index_read ?? []));
  const [writeText, setWriteText] = useState(patternsToText(group?.index_write ?? []));
  const [busy, setBusy] = useState(false);
  const [fieldErr, setFieldErr] = useState<{ field: string; message: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const read = parsePatternText(readText);
  const write = parsePatternText(writeText);
  const previews = usePatternPreview([...new Set([...read.patterns, ...write.patterns])], true);
  const errFor = (f: string): string | null => (fieldErr?.field === f ? fieldErr.message : null);
  const invalid = patternListError(read) !== null || patternListError(write) !== null;
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => { formRef.current?.querySelector<HTMLElement>('input:not([disabled])')?.focus(); }, []);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (invalid) return;
    setBusy(true);
    setError(null);
    setFieldErr(null);
    const body = { name: name.trim(), permissions: perms, index_read: read.patterns, index_write: write.patterns };
    try {
      const saved = group
        ? await api<AdminGroup>(`/api/groups/${encodeURIComponent(group.id)}/`, { method: 'PATCH', body })
        : await api<AdminGroup>('/api/groups/', { body });
      onSaved(saved);
    } catch (err) {
      const f = err instanceof ApiError ? formFieldOf(err.field, FIELDS) : null;
      if (f && err instanceof ApiError) setFieldErr({ field: f, message: err.message });
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  const title = group ? `Edit group ${group.name}` : 'New group';
  return (
    <form ref={formRef} className="card adm-form" onSubmit={(e) => { void submit(e); }} aria-labelledby="adm-group-title" noValidate>
      <h2 id="adm-group-title">{title}</h2>
      <ErrorBanner error={error} />
      <Field label="Name" name="name" autoComplete="off" required value={name} onChange={(e) => setName(e.target.value)} error={errFor('name')}
        hint={group?.name === 'Users' ? 'The default group that new users join; it cannot be renamed.' : undefined} disabled={group?.name === 'Users'} />
      <PermissionGrid value={perms} onChange={setPerms} held={held} error={errFor('permissions')} errorId="adm-perm-err" />
      <div className="adm-pattern-cols">
        <PatternListEditor label="Index read patterns" text={readText} onText={setReadText} previews={previews} serverError={errFor('index_read')} scopeNote={isSuper ? undefined : 'that you can read'} />
        <PatternListEditor label="Index write patterns" text={writeText} onText={setWriteText} previews={previews} serverError={errFor('index_write')} scopeNote={isSuper ? undefined : 'that you can read'} />
      </div>
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={busy || invalid}>{busy ? 'Saving…' : group ? 'Save group' : 'Create group'}</button>
        <button type="button" className="btn" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
