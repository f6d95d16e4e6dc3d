/** An inline name editor: Enter saves, Esc cancels (focus goes back to the caller via onDone), errors shown inline. */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

export function InlineRename({ initial, label, onSave, onDone }: {
  initial: string;
  /** Accessible label of the input, e.g. `New name for "errors"`. */
  label: string;
  /** Throws (ApiError) to keep the editor open with the message. */
  onSave: (name: string) => Promise<void>;
  onDone: () => void;
}) {
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => { input.current?.focus(); input.current?.select(); }, []);

  const save = async (): Promise<void> => {
    const name = value.trim();
    if (name === '') { setError('The name cannot be empty.'); return; }
    if (name === initial) { onDone(); return; }
    setBusy(true);
    try {
      await onSave(name);
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter') { e.preventDefault(); void save(); }
    else if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); onDone(); }
  };

  return (
    <div className="lib-rename">
      <div className="row">
        <input
          ref={input} id={id} className="input grow" value={value} maxLength={1024} aria-label={label} disabled={busy}
          aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-err` : `${id}-hint`}
          onChange={(e) => { setValue(e.target.value); setError(null); }} onKeyDown={onKey}
        />
        <button type="button" className="btn btn-sm btn-primary" onClick={() => void save()} disabled={busy}>Save</button>
        <button type="button" className="btn btn-sm" onClick={onDone} disabled={busy}>Cancel</button>
      </div>
      {error
        ? <div id={`${id}-err`} className="field-error" role="alert">{error}</div>
        : <div id={`${id}-hint`} className="sr-only">Enter saves, Escape cancels.</div>}
    </div>
  );
}
