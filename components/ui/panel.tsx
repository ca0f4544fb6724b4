"use client";
import { X } from "lucide-react";
import { useEffect, useId, useRef } from "react";

/**
 * A native modal <dialog>, open while mounted: Escape calls onClose, and the dialog is named by
 * the element carrying `titleId`.
 */
export function useModalDialog(onClose: () => void) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    // The control that opened the dialog gets the focus back when it closes (Escape, Close, Cancel).
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  const dialogProps = {
    ref,
    "aria-labelledby": titleId,
    onCancel: (e: React.SyntheticEvent<HTMLDialogElement>) => {
      e.preventDefault();
      onClose();
    },
  };
  return { titleId, dialogProps };
}

/** Admin Center's right-hand side panel (used for Add, Settings and Move): a modal dialog. */
export function Panel({
  title,
  onClose,
  children,
  footer,
  wide = false,
}: {
  title: string;
  onClose: () => void;
  children: React.ReactNode;
  footer?: React.ReactNode;
  /** Admin Center's larger panel, for wizards with tables and charts (Move). */
  wide?: boolean;
}) {
  const { titleId, dialogProps } = useModalDialog(onClose);
  return (
    <dialog
      {...dialogProps}
      className={`fixed inset-y-0 right-0 left-auto m-0 flex h-full max-h-full ${wide ? "w-[min(640px,100vw)]" : "w-[min(480px,100vw)]"} flex-col border-l border-border bg-surface text-fg shadow-2xl backdrop:bg-black/30`}
    >
      <div className="flex items-center justify-between px-6 pt-5 pb-3">
        <h2 id={titleId} className="text-xl font-semibold">
          {title}
        </h2>
        <button type="button" aria-label="Close" onClick={onClose} className="rounded-sm p-1 hover:bg-hover">
          <X aria-hidden size={18} />
        </button>
      </div>
      <div className="flex-1 overflow-y-auto px-6 pb-4">{children}</div>
      {footer ? <div className="flex gap-2 border-t border-border px-6 py-4">{footer}</div> : null}
    </dialog>
  );
}
