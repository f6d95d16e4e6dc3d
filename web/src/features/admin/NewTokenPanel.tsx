/** The secret of a just-created token, shown once: read-only field, Copy button, warning. Lives only in state. */
import { CopyButton, fmtTime } from '../../ui';
import type { NewApiToken } from './admin-types';

export function NewTokenPanel({ token, owner, onDone }: { token: NewApiToken; owner: string | null; onDone: () => void }) {
  return (
    <section className="card adm-secret" aria-labelledby="adm-secret-title">
      <h2 id="adm-secret-title">Token “{token.name || token.prefix}” created{owner ? ` for ${owner}` : ''}</h2>
      <p className="alert alert-warning" id="adm-secret-warning">
        Copy this token now: it will not be shown again. Delve stores only a hash of it. Scope: {token.scope}
        {token.expires ? `, expires ${fmtTime(token.expires)}` : ', never expires'}.
      </p>
      <div className="row">
        <input className="input grow cell-mono" readOnly autoFocus value={token.token} aria-label="New API token" aria-describedby="adm-secret-warning"
          autoComplete="off" spellCheck={false} onFocus={(e) => e.currentTarget.select()} />
        <CopyButton text={token.token} />
        <button type="button" className="btn" onClick={onDone}>Done</button>
      </div>
    </section>
  );
}
