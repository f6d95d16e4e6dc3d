/**
 * An accessible confirmation: a modal <dialog> (showModal: focus trapped, Esc cancels, background inert) that resolves
 * a promise. Focus starts on Cancel (the safe choice) and returns to where it was when the dialog closes.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';

interface Pending { message: string; confirmLabel: string; resolve: (ok: boolean) => void }

export function useConfirm() {
  const [pending, setPending] = useState<Pending | null>(null);
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const id = useId();

  useEffect(() => {
    const d = ref.current;
    if (!pending || !d || d.open) return;
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    d.showModal();
    cancelRef.current?.focus();
  }, [pending]);

  const confirm = useCallback((message: string, confirmLabel = 'Delete') => new Promise<boolean>((resolve) => {
    setPending({ message, confirmLabel, resolve });
  }), []);

  const finish = (ok: boolean): void => {
    pending?.resolve(ok);
    if (ref.current?.open) ref.current.close();
    setPending(null);
    const back = returnTo.current;
    returnTo.current = null;
    if (back?.isConnected) back.focus();
  };

  const dialog = pending ? (
    <dialog ref={ref} className="lib-dialog" aria-labelledby={`${id}-msg`} onCancel={(e) => { e.preventDefault(); finish(false); }}>
      <p id={`${id}-msg`} className="lib-dialog-message">{pending.message}</p>
      <div className="row lib-dialog-actions">
        <button ref={cancelRef} type="button" className="btn" onClick={() => finish(false)}>Cancel</button>
        <button type="button" className="btn btn-danger" onClick={() => finish(true)}>{pending.confirmLabel}</button>
      </div>
    </dialog>
  ) : null;

  return [confirm, dialog] as const;
}
