"use client";
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { PassChartRow } from "@/components/migration/view-model";
import { binaryAxisLabels, binaryLinearTicks, binaryLogAxis, formatBytes } from "@/lib/present/format";
import { AXIS, GRID_STROKE, LEGEND_STYLE, TOOLTIP_STYLE } from "./chart-style";

/** The threshold's label on a surface-coloured plate, so bars and the cap line never cross its text. */
function ThresholdLabel({
  text,
  viewBox,
}: {
  text: string;
  viewBox?: { x?: number; y?: number; width?: number };
}) {
  const right = (viewBox?.x ?? 0) + (viewBox?.width ?? 0);
  const y = viewBox?.y ?? 0;
  // A halo in the surface colour keeps the words legible over bars without hiding them.
  return (
    <text
      x={right - 10}
      y={y - 6}
      textAnchor="end"
      fill="var(--lml-chart-4)"
      stroke="var(--lml-surface)"
      strokeWidth={3}
      paintOrder="stroke"
      fontSize={12}
    >
      {text}
    </text>
  );
}
const MIN_LOG = 1024 * 1024;

/**
 * Pre-copy passes: bytes sent per pass (bars), bytes dirtied while the pass ran (line), the stop
 * threshold and the pass cap. A log scale by default: pass 1 is gigabytes, the threshold megabytes.
 */
export function ChartPassDirtyPages({
  rows,
  stopBelowBytes,
  maxPasses,
  log = true,
  height = 280,
  interruptedLabel = "Cut short",
}: {
  rows: PassChartRow[];
  stopBelowBytes: number;
  maxPasses: number;
  log?: boolean;
  height?: number;
  /** The legend's name for the pass a cancel or failure cut short. */
  interruptedLabel?: string;
}) {
  const values = rows
    .flatMap((r) => [r.sent, r.sending, r.interrupted, r.dirtied, r.predicted])
    .filter((v): v is number => v !== null);
  const top = Math.max(stopBelowBytes * 2, ...values);
  // Log axes cannot show 0: clamp small values to the floor so a clean pass still shows as a stub.
  const axis = binaryLogAxis(Math.min(MIN_LOG, stopBelowBytes / 10), top);
  const { floor, ceiling } = axis;
  const ticks = log ? axis.ticks : binaryLinearTicks(top);
  const clamp = (v: number | null) => (v === null ? null : Math.max(floor, v));
  const data = log
    ? rows.map((r) => ({
        ...r,
        sent: clamp(r.sent),
        interrupted: clamp(r.interrupted),
        dirtied: clamp(r.dirtied),
        predicted: clamp(r.predicted),
      }))
    : rows;
  return (
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart data={data} margin={{ top: 16, right: 16, bottom: 4, left: 8 }} barCategoryGap="25%">
        <CartesianGrid stroke={GRID_STROKE} vertical={false} />
        <XAxis
          dataKey="pass"
          tick={AXIS}
          stroke={GRID_STROKE}
          label={{ value: "Pass", position: "insideBottomRight", offset: -2, ...AXIS }}
        />
        <YAxis
          scale={log ? "log" : "linear"}
          domain={log ? [floor, ceiling] : [0, ticks.at(-1) ?? "auto"]}
          ticks={ticks}
          allowDataOverflow={log}
          // A log axis spans units by design (1 MB, 16 MB, 1 GB); a linear one keeps to one.
          tickFormatter={log ? (v: number) => formatBytes(v) : binaryAxisLabels(ticks)}
          tick={AXIS}
          stroke={GRID_STROKE}
          width={72}
        />
        <Tooltip
          formatter={(value, name) => [typeof value === "number" ? formatBytes(value) : "-", name]}
          labelFormatter={(label) => `Pass ${label}`}
          contentStyle={TOOLTIP_STYLE}
          cursor={{ fill: "var(--lml-hover)" }}
        />
        <Legend itemSorter={null} wrapperStyle={LEGEND_STYLE} />
        <Bar
          dataKey="sent"
          name="Sent in the pass"
          stackId="pass"
          fill="var(--lml-chart-1)"
          isAnimationActive={false}
          radius={[2, 2, 0, 0]}
        />
        {rows.some((r) => r.sending !== null && r.sending > 0) ? (
          <Bar
            dataKey="sending"
            name="Sending now"
            stackId="pass"
            fill="var(--lml-chart-1)"
            fillOpacity={0.4}
            stroke="var(--lml-chart-1)"
            strokeDasharray="3 2"
            isAnimationActive={false}
          />
        ) : null}
        {rows.some((r) => r.interrupted !== null && r.interrupted > 0) ? (
          <Bar
            dataKey="interrupted"
            name={interruptedLabel}
            stackId="pass"
            fill="var(--lml-chart-1)"
            fillOpacity={0.15}
            stroke="var(--lml-chart-4)"
            strokeWidth={1.5}
            strokeDasharray="4 3"
            isAnimationActive={false}
          />
        ) : null}
        <Line
          dataKey="dirtied"
          name="Dirtied during the pass"
          stroke="var(--lml-chart-2)"
          strokeWidth={2}
          dot={{ r: 3, fill: "var(--lml-chart-2)" }}
          isAnimationActive={false}
        />
        <Line
          dataKey="predicted"
          name="Predicted send"
          stroke="var(--lml-chart-5)"
          strokeDasharray="4 3"
          strokeWidth={1.5}
          dot={false}
          isAnimationActive={false}
        />
        <ReferenceLine
          y={stopBelowBytes}
          stroke="var(--lml-chart-4)"
          strokeDasharray="6 3"
          ifOverflow="extendDomain"
          label={<ThresholdLabel text={`Stop threshold ${formatBytes(stopBelowBytes)}`} />}
        />
        <ReferenceLine
          x={maxPasses}
          stroke="var(--lml-chart-axis)"
          strokeDasharray="2 2"
          label={{
            value: `Pass cap ${maxPasses}`,
            position: "top",
            fill: "var(--lml-chart-axis)",
            fontSize: 12,
          }}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
