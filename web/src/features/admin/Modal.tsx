/**
 * A modal <dialog> (showModal: focus is trapped, Esc closes) and a confirm built on it. Focus returns to the element
 * that opened it.
 */
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';

export function Modal({ title, children, onClose }: { title: string; children: ReactNode; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => {
      if (d?.open) d.close();
      opener?.focus();
    };
  }, []);
  return (
    <dialog ref={ref} className="adm-dialog" aria-labelledby={titleId} onCancel={(e) => { e.preventDefault(); onClose(); }}>
      <h2 id={titleId} className="adm-dialog-title">{title}</h2>
      {children}
    </dialog>
  );
}

export interface ConfirmOptions { title: string; message: ReactNode; confirmLabel: string; danger?: boolean }

function ConfirmDialog({ title, message, confirmLabel, danger, onAnswer }: ConfirmOptions & { onAnswer: (ok: boolean) => void }) {
  return (
    <Modal title={title} onClose={() => onAnswer(false)}>
      <div className="adm-dialog-body">{message}</div>
      <div className="row adm-dialog-actions">
        <button type="button" className="btn" autoFocus onClick={() => onAnswer(false)}>Cancel</button>
        <button type="button" className={danger ? 'btn btn-danger' : 'btn btn-primary'} onClick={() => onAnswer(true)}>{confirmLabel}</button>
      </div>
    </Modal>
  );
}

/** `const [dialog, confirm] = useConfirm();` render `dialog`, `await confirm({...})` resolves true/false. */
export function useConfirm(): [ReactNode, (o: ConfirmOptions) => Promise<boolean>] {
  const [req, setReq] = useState<{ o: ConfirmOptions; resolve: (ok: boolean) => void } | null>(null);
  const ask = useCallback((o: ConfirmOptions) => new Promise<boolean>((resolve) => setReq({ o, resolve })), []);
  const dialog = req ? <ConfirmDialog {...req.o} onAnswer={(ok) => { req.resolve(ok); setReq(null); }} /> : null;
  return [dialog, ask];
}
