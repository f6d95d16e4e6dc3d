/** Checkbox grid of permissions: one row per model, one column per action, with row and column "all" toggles. */
import { useEffect, useRef } from 'react';
import { TableWrap } from './controls';
import { PERMISSION_ACTIONS, PERMISSION_MODELS, permissionGrid, setAction, setModel, setPermission, unknownPermissions, type PermissionAction } from './permission-grid';

function TriCheckbox({ checked, mixed, label, disabled, onChange }: { checked: boolean; mixed: boolean; label: string; disabled?: boolean; onChange: (on: boolean) => void }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => { if (ref.current) ref.current.indeterminate = mixed; }, [mixed]);
  return <input ref={ref} type="checkbox" aria-label={label} checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />;
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function PermissionGrid({ value, onChange, held, error, errorId }: {
  value: string[]; onChange: (v: string[]) => void; held: ReadonlySet<string> | null; error?: string | null; errorId: string;
}) {
  const rows = permissionGrid(value, held);
  const columnState = (a: PermissionAction): { all: boolean; some: boolean } => {
    const n = rows.filter((r) => r.cells.find((c) => c.action === a)?.checked).length;
    return { all: n === PERMISSION_MODELS.length, some: n > 0 && n < PERMISSION_MODELS.length };
  };
  const extra = unknownPermissions(value);
  return (
    <fieldset className="adm-fieldset" aria-describedby={error ? errorId : 'adm-perm-hint'}>
      <legend>Permissions</legend>
      <p id="adm-perm-hint" className="hint">
        {held ? 'You can grant only permissions you hold yourself; others are disabled.' : 'view, add, change and delete for each kind of object.'}
      </p>
      <TableWrap label="Permissions grid">
        <table className="table adm-perm-grid">
          <thead>
            <tr>
              <th scope="col">Object</th>
              {PERMISSION_ACTIONS.map((a) => {
                const s = columnState(a);
                return (
                  <th scope="col" key={a}>
                    <span className="adm-perm-head">
                      <TriCheckbox checked={s.all} mixed={s.some} label={`${cap(a)}: all objects`} onChange={(on) => onChange(setAction(value, a, on, held))} />
                      {cap(a)}
                    </span>
                  </th>
                );
              })}
              <th scope="col">All</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.model}>
                <th scope="row">{r.label}</th>
                {r.cells.map((c) => (
                  <td key={c.codename} className="adm-perm-cell">
                    <input type="checkbox" aria-label={`${r.label}: ${c.action}`} title={c.codename} checked={c.checked} disabled={!c.grantable}
                      onChange={(e) => onChange(setPermission(value, c.codename, e.target.checked))} />
                  </td>
                ))}
                <td className="adm-perm-cell">
                  <TriCheckbox checked={r.allChecked} mixed={r.someChecked} label={`${r.label}: all actions`} onChange={(on) => onChange(setModel(value, r.model, on, held))} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {extra.length > 0 ? <p className="hint">Also kept: {extra.join(', ')}</p> : null}
      {error ? <div id={errorId} className="field-error" role="alert">{error}</div> : null}
    </fieldset>
  );
}
