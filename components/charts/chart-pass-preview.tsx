"use client";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { PassRecord } from "@/lib/engine/types";
import { binaryLogAxis, formatBytes, formatSeconds } from "@/lib/present/format";

// The chart colours arrive with the migration page; fall back to the base theme until then.
const AXIS = { fill: "var(--lml-chart-axis, var(--lml-fg-muted))", fontSize: 12 };
const GRID = "var(--lml-chart-grid, var(--lml-border))";
const FLOOR = 1024 * 1024;

/**
 * The prediction's pre-copy passes as bars (memory bytes per pass), small enough for the Move pane.
 * Log scale: pass 1 sends gigabytes and the last ones megabytes; a tiny pass still shows as a stub.
 */
export function ChartPassPreview({
  passes,
  height = 150,
}: {
  passes: readonly PassRecord[];
  height?: number;
}) {
  const data = passes.map((p) => ({
    pass: p.pass,
    bytes: Math.max(FLOOR, p.bytes),
    sent: p.bytes,
    durationMs: p.durationMs,
  }));
  const axis = binaryLogAxis(FLOOR, Math.max(FLOOR * 16, ...passes.map((p) => p.bytes)));
  const label = "Predicted data sent per pre-copy pass";
  return (
    <figure aria-label={label} className="m-0">
      <div style={{ height }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 4, bottom: 0, left: 0 }} barCategoryGap="20%">
            <CartesianGrid vertical={false} stroke={GRID} />
            <XAxis dataKey="pass" tick={AXIS} tickLine={false} axisLine={{ stroke: GRID }} />
            <YAxis
              scale="log"
              domain={[axis.floor, axis.ceiling]}
              ticks={axis.ticks}
              allowDataOverflow
              tick={AXIS}
              tickLine={false}
              axisLine={false}
              width={64}
              tickFormatter={(v: number) => formatBytes(v)}
            />
            <Tooltip
              cursor={{ fill: "var(--lml-hover)" }}
              contentStyle={{
                background: "var(--lml-surface)",
                border: "1px solid var(--lml-border-strong)",
                borderRadius: 2,
                color: "var(--lml-fg)",
                fontSize: 12,
              }}
              labelFormatter={(pass) => `Pass ${pass}`}
              formatter={(_value, _name, item) => {
                const row = item.payload as { sent: number; durationMs: number };
                return [`${formatBytes(row.sent)} in ${formatSeconds(row.durationMs)}`, "Sent"];
              }}
            />
            <Bar
              dataKey="bytes"
              fill="var(--lml-chart-1)"
              isAnimationActive={false}
              maxBarSize={36}
              radius={[2, 2, 0, 0]}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      {/* The numbers behind the bars, for screen readers and for tests. */}
      <table className="sr-only">
        <caption>{label}</caption>
        <thead>
          <tr>
            <th>Pass</th>
            <th>Data sent</th>
            <th>Duration</th>
          </tr>
        </thead>
        <tbody>
          {passes.map((p) => (
            <tr key={p.pass}>
              <td>{p.pass}</td>
              <td>{formatBytes(p.bytes)}</td>
              <td>{formatSeconds(p.durationMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
