export interface SimpleColumn<T> {
  header: string;
  render: (row: T) => React.ReactNode;
  className?: string;
}

/** A small read-only table inside a card (adapters, switches, nodes, disks): no sorting, no paging. */
export function SimpleTable<T>({
  label,
  columns,
  rows,
  rowKey,
  empty,
}: {
  label: string;
  columns: SimpleColumn<T>[];
  rows: T[];
  rowKey: (row: T) => number | string;
  empty?: string;
}) {
  if (rows.length === 0 && empty) return <p className="text-fg-muted">{empty}</p>;
  return (
    <table aria-label={label} className="w-full text-left">
      <thead>
        <tr className="border-b border-border">
          {columns.map((c) => (
            <th key={c.header} className="py-1 pr-2 font-semibold">
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} className="h-8 border-b border-border">
            {columns.map((c) => (
              <td key={c.header} className={`pr-2 ${c.className ?? ""}`}>
                {c.render(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
