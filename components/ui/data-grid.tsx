"use client";
import { ArrowDown, ArrowUp } from "lucide-react";
import { useMemo, useRef, useState } from "react";

export interface Column<T> {
  key: string;
  header: string;
  render: (row: T) => React.ReactNode;
  /** The value sorted on; a column without one is not sortable. */
  sortValue?: (row: T) => string | number | null;
  width?: string;
  align?: "left" | "right";
  /** The whole text of a cell that may be cut short (shown on hover). */
  title?: (row: T) => string | undefined;
}

const ROW = 36;

/** The first column stays in view while the grid scrolls sideways, right of the checkboxes. */
function stickyFirst(selectable: boolean, background: string): string {
  return `sticky z-[1] ${selectable ? "left-10" : "left-0"} ${background}`;
}
const OVERSCAN = 10;

/**
 * Admin Center's dense grid: sortable columns, multi-select with checkboxes and only the visible
 * rows in the DOM, so 10,000 VMs scroll and sort without a pause. Narrower than `minWidth` (a
 * 1024 px screen), the grid scrolls sideways and the first column (with the row's checkbox) stays.
 */
export function DataGrid<T>({
  label,
  columns,
  rows,
  rowId,
  rowName,
  selected,
  onSelectedChange,
  initialSort,
  height = 560,
  minWidth = 880,
  empty = "No items.",
}: {
  label: string;
  columns: Column<T>[];
  rows: T[];
  rowId: (row: T) => number;
  rowName: (row: T) => string;
  selected?: ReadonlySet<number>;
  onSelectedChange?: (next: Set<number>) => void;
  initialSort?: { key: string; dir: "asc" | "desc" };
  height?: number;
  /** Below this width in pixels the columns keep their size and the grid scrolls sideways. */
  minWidth?: number;
  empty?: string;
}) {
  const [sort, setSort] = useState(initialSort ?? { key: columns[0]?.key ?? "", dir: "asc" as const });
  const [scrollTop, setScrollTop] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);

  const sorted = useMemo(() => {
    const column = columns.find((c) => c.key === sort.key);
    const value = column?.sortValue;
    if (!value) return rows;
    const dir = sort.dir === "asc" ? 1 : -1;
    const keyed = rows.map((row) => ({ row, v: value(row) }));
    keyed.sort((a, b) => {
      if (a.v === b.v) return 0;
      if (a.v === null) return 1; // empty values last in either direction
      if (b.v === null) return -1;
      if (typeof a.v === "number" && typeof b.v === "number") return (a.v - b.v) * dir;
      return String(a.v).localeCompare(String(b.v), "en", { numeric: true }) * dir;
    });
    return keyed.map((k) => k.row);
  }, [rows, columns, sort]);

  const first = Math.max(0, Math.floor(scrollTop / ROW) - OVERSCAN);
  const visibleCount = Math.ceil(height / ROW) + OVERSCAN * 2;
  const last = Math.min(sorted.length, first + visibleCount);
  const visible = sorted.slice(first, last);
  const selectable = Boolean(selected && onSelectedChange);
  const allSelected = selectable && sorted.length > 0 && sorted.every((r) => selected?.has(rowId(r)));

  function toggleSort(key: string) {
    setSort((s) => (s.key === key ? { key, dir: s.dir === "asc" ? "desc" : "asc" } : { key, dir: "asc" }));
  }
  function toggleRow(id: number) {
    if (!selected || !onSelectedChange) return;
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onSelectedChange(next);
  }

  return (
    <div
      ref={scroller}
      className="overflow-auto border-t border-border bg-surface"
      style={{ maxHeight: height }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <table
        aria-label={label}
        aria-rowcount={sorted.length + 1}
        className="w-full table-fixed border-collapse"
        style={{ minWidth }}
      >
        <thead className="sticky top-0 z-10 bg-surface">
          <tr className="h-9 border-b border-border text-left">
            {selectable ? (
              <th className="sticky left-0 z-10 w-10 bg-surface px-3">
                <input
                  type="checkbox"
                  aria-label="Select all"
                  checked={allSelected}
                  onChange={() => onSelectedChange?.(allSelected ? new Set() : new Set(sorted.map(rowId)))}
                />
              </th>
            ) : null}
            {columns.map((c, index) => (
              <th
                key={c.key}
                style={{ width: c.width }}
                aria-sort={sort.key === c.key ? (sort.dir === "asc" ? "ascending" : "descending") : undefined}
                className={`px-2 font-semibold ${c.align === "right" ? "text-right" : ""} ${index === 0 ? stickyFirst(selectable, "bg-surface") : ""}`}
              >
                {c.sortValue ? (
                  <button
                    type="button"
                    onClick={() => toggleSort(c.key)}
                    className="inline-flex items-center gap-1 rounded-sm hover:text-accent"
                  >
                    {c.header}
                    {sort.key === c.key ? (
                      sort.dir === "asc" ? (
                        <ArrowUp aria-hidden size={12} />
                      ) : (
                        <ArrowDown aria-hidden size={12} />
                      )
                    ) : null}
                  </button>
                ) : (
                  c.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {first > 0 ? <tr aria-hidden style={{ height: first * ROW }} /> : null}
          {visible.map((row, i) => {
            const id = rowId(row);
            const isSelected = selected?.has(id) ?? false;
            return (
              <tr
                key={id}
                aria-rowindex={first + i + 2}
                aria-selected={selectable ? isSelected : undefined}
                onClick={
                  selectable
                    ? (e) => {
                        // A click on the row selects it alone; checkboxes and links keep their own meaning.
                        if ((e.target as HTMLElement).closest("input,a,button")) return;
                        onSelectedChange?.(new Set([id]));
                      }
                    : undefined
                }
                className={`h-9 border-b border-border ${isSelected ? "bg-accent-soft" : "bg-surface hover:bg-hover"} ${selectable ? "cursor-default" : ""}`}
              >
                {selectable ? (
                  <td className="sticky left-0 bg-inherit px-3">
                    <input
                      type="checkbox"
                      aria-label={`Select ${rowName(row)}`}
                      checked={isSelected}
                      onChange={() => toggleRow(id)}
                    />
                  </td>
                ) : null}
                {columns.map((c, index) => (
                  <td
                    key={c.key}
                    title={c.title?.(row)}
                    className={`truncate px-2 ${c.align === "right" ? "text-right tabular-nums" : ""} ${index === 0 ? stickyFirst(selectable, "bg-inherit") : ""}`}
                  >
                    {c.render(row)}
                  </td>
                ))}
              </tr>
            );
          })}
          {last < sorted.length ? <tr aria-hidden style={{ height: (sorted.length - last) * ROW }} /> : null}
        </tbody>
      </table>
      {sorted.length === 0 ? <div className="p-6 text-center text-fg-muted">{empty}</div> : null}
    </div>
  );
}
