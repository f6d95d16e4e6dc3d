/** A freshly made password-reset link: shown once (component state only), with a copy button and its expiry. */
import { CopyButton, fmtTime } from '../../ui';
import type { ResetLink } from './admin-types';

export function ResetLinkPanel({ username, link, onDone }: { username: string; link: ResetLink; onDone: () => void }) {
  const url = /^https?:\/\//.test(link.url) ? link.url : `${window.location.origin}${link.url}`;
  return (
    <section className="card adm-secret" aria-labelledby="adm-reset-title">
      <h2 id="adm-reset-title">Password-reset link for {username}</h2>
      <p className="alert alert-warning">
        Send this link to {username} privately. It works once and expires at {fmtTime(link.expires_at)}. It is not shown again.
      </p>
      <div className="row">
        <input className="input grow cell-mono" autoFocus readOnly value={url} aria-label={`Reset link for ${username}`} onFocus={(e) => e.currentTarget.select()} spellCheck={false} />
        <CopyButton text={url} label="Copy link" />
        <button type="button" className="btn" onClick={onDone}>Done</button>
      </div>
    </section>
  );
}
