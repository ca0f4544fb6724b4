"use client";
import { useEffect } from "react";

export const UNSAVED_CHANGES_TEXT = "You have unsaved changes. Leave this page and discard them?";

/**
 * Whether a click on `anchor` leaves the page for another one of this site (a Next Link, the tool
 * list): a plain left click on a same-origin link to another path or query.
 */
export function leavesPage(
  anchor: { href: string; target?: string; hasAttribute?: (name: string) => boolean },
  click: { button: number; metaKey: boolean; ctrlKey: boolean; shiftKey: boolean; altKey: boolean },
  here: { href: string; origin: string },
): boolean {
  if (click.button !== 0 || click.metaKey || click.ctrlKey || click.shiftKey || click.altKey) return false;
  if (anchor.target && anchor.target !== "_self") return false;
  if (anchor.hasAttribute?.("download")) return false;
  const to = new URL(anchor.href, here.href);
  const from = new URL(here.href);
  return to.origin === here.origin && (to.pathname !== from.pathname || to.search !== from.search);
}

/**
 * Unsaved-change protection while `dirty`: closing or reloading the tab asks the browser's own
 * question (beforeunload), and following a link inside the lab asks first (a capture listener runs
 * before Next's Link, so a "Cancel" stops the navigation).
 */
export function useUnsavedChanges(dirty: boolean, message = UNSAVED_CHANGES_TEXT): void {
  useEffect(() => {
    if (!dirty) return;
    const beforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older browsers show the dialog only when returnValue is set.
      e.returnValue = "";
    };
    const click = (e: MouseEvent) => {
      const target = e.target instanceof Element ? e.target : null;
      const anchor = target?.closest("a[href]");
      if (!(anchor instanceof HTMLAnchorElement)) return;
      if (!leavesPage(anchor, e, window.location)) return;
      if (!window.confirm(message)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", beforeUnload);
    document.addEventListener("click", click, true);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      document.removeEventListener("click", click, true);
    };
  }, [dirty, message]);
}
