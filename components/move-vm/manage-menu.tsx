"use client";
import { ChevronDown, type LucideIcon, Wrench } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";

export interface MenuItem {
  label: string;
  icon: LucideIcon;
  disabled?: boolean;
  onSelect: () => void;
}

/** Admin Center's "Manage" drop-down on a tool's command bar (Move lives here). */
export function ManageMenu({
  items,
  label = "Manage",
  onIntent,
  icon: ButtonIcon = Wrench,
}: {
  items: MenuItem[];
  label?: string;
  /** The pointer or the focus reached the button: a chance to fetch what an item opens. */
  onIntent?: () => void;
  /** The drop-down's own icon (Manage has a wrench, Add a plus). */
  icon?: LucideIcon;
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    // Focus the first item the way a native menu does, so arrows and Enter work at once.
    root.current?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')?.focus();
    const onDown = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", onDown);
    return () => document.removeEventListener("mousedown", onDown);
  }, [open]);

  function close() {
    setOpen(false);
    button.current?.focus();
  }

  function onKeyDown(e: React.KeyboardEvent) {
    const all = Array.from(root.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    const at = all.indexOf(document.activeElement as HTMLElement);
    if (e.key === "Escape" || e.key === "Tab") {
      if (e.key === "Escape") e.preventDefault();
      close();
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      all[(at + step + all.length) % all.length]?.focus();
    }
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: keys bubble up from the menu items
    <div ref={root} className="relative" onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
        onPointerEnter={onIntent}
        onFocus={onIntent}
        className="inline-flex h-8 items-center gap-2 rounded-sm px-2 text-base whitespace-nowrap text-fg hover:bg-hover"
      >
        <ButtonIcon aria-hidden size={16} strokeWidth={1.75} className="text-accent" />
        {label}
        <ChevronDown aria-hidden size={14} />
      </button>
      {open ? (
        <div
          id={menuId}
          role="menu"
          aria-label={label}
          className="absolute top-9 left-0 z-30 min-w-40 border border-border bg-surface py-1 shadow-[0_6.4px_14.4px_rgba(0,0,0,0.13),0_1.2px_3.6px_rgba(0,0,0,0.11)]"
        >
          {items.map((item) => {
            const Icon = item.icon;
            return (
              <button
                key={item.label}
                type="button"
                role="menuitem"
                tabIndex={-1}
                aria-disabled={item.disabled || undefined}
                onClick={() => {
                  if (item.disabled) return;
                  // Focus back on Manage first: a pane the item opens returns focus here when it closes.
                  close();
                  item.onSelect();
                }}
                className="flex h-8 w-full items-center gap-2 px-3 text-left hover:bg-hover focus:bg-hover focus:outline-none aria-disabled:cursor-not-allowed aria-disabled:text-fg-muted aria-disabled:hover:bg-transparent"
              >
                <Icon
                  aria-hidden
                  size={16}
                  strokeWidth={1.75}
                  className={item.disabled ? "text-fg-muted" : "text-accent"}
                />
                {item.label}
              </button>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}
