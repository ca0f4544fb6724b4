"use client";
import { useEffect } from "react";

export const UNSAVED_CHANGES_TEXT = "You have unsaved changes. Leave this page and lose them?";

/**
 * Unsaved-change protection for a settings form: while `dirty`, closing or reloading the tab asks
 * the browser's question, and following a link inside the lab asks `message` first (a capturing
 * listener on the document runs before Next's link handler, so a refusal stops the navigation).
 */
export function useUnsavedChanges(dirty: boolean, message = UNSAVED_CHANGES_TEXT): void {
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const link = (e.target as Element | null)?.closest?.("a[href]");
      if (!(link instanceof HTMLAnchorElement) || link.target === "_blank") return;
      const to = new URL(link.href, window.location.href);
      if (to.origin !== window.location.origin || to.pathname === window.location.pathname) return;
      if (!window.confirm(message)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty, message]);
}
