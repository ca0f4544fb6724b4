"use client";
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { ThroughputRow } from "@/components/migration/view-model";
import { binaryAxisLabels, binaryLinearTicks, formatRate } from "@/lib/present/format";
import { AXIS, GRID_STROKE, LEGEND_STYLE, SECONDS_AXIS, secondsLabel, TOOLTIP_STYLE } from "./chart-style";

/**
 * Memory bytes sent per second over simulated time (area, left axis), the disk copy's bytes per
 * second on moves that copy disks (a second area), and percent done (line, right).
 */
export function ChartThroughput({ rows, height = 280 }: { rows: ThroughputRow[]; height?: number }) {
  const copies = rows.some((r) => r.storageBytesPerSecond !== undefined);
  const memory = rows.some((r) => r.bytesPerSecond > 0) || !copies;
  const rateTicks = binaryLinearTicks(
    Math.max(
      128 * 1024 * 1024,
      ...rows.map((r) => Math.max(r.bytesPerSecond, r.storageBytesPerSecond ?? 0) * 1.05),
    ),
  );
  return (
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart data={rows} margin={{ top: 16, right: 8, bottom: 4, left: 8 }}>
        <CartesianGrid stroke={GRID_STROKE} vertical={false} />
        <XAxis {...SECONDS_AXIS} domain={[0, "dataMax"]} tickFormatter={(s: number) => `${s} s`} />
        <YAxis
          yAxisId="rate"
          // At least 128 MB/s tall, so a move still in setup does not draw an axis of "4 bytes/s";
          // ticks at a round binary step, with headroom that keeps a steady rate off the top edge.
          domain={[0, rateTicks.at(-1) ?? 0]}
          ticks={rateTicks}
          tickFormatter={binaryAxisLabels(rateTicks, "/s")}
          tick={AXIS}
          stroke={GRID_STROKE}
          width={80}
        />
        <YAxis
          yAxisId="percent"
          orientation="right"
          domain={[0, 100]}
          ticks={[0, 25, 50, 75, 100]}
          tickFormatter={(v: number) => `${v}%`}
          tick={AXIS}
          stroke={GRID_STROKE}
          width={44}
        />
        <Tooltip
          formatter={(value, name) =>
            typeof value !== "number"
              ? ["-", name]
              : name === "Completed"
                ? [`${Math.floor(value)}%`, name]
                : [formatRate(value), name]
          }
          labelFormatter={secondsLabel}
          contentStyle={TOOLTIP_STYLE}
        />
        <Legend wrapperStyle={LEGEND_STYLE} />
        {copies ? (
          <Area
            yAxisId="rate"
            dataKey="storageBytesPerSecond"
            name="Storage copy"
            type="stepAfter"
            stroke="var(--lml-chart-2)"
            fill="var(--lml-chart-2)"
            fillOpacity={0.18}
            strokeWidth={2}
            isAnimationActive={false}
          />
        ) : null}
        {memory ? (
          <Area
            yAxisId="rate"
            dataKey="bytesPerSecond"
            name={copies ? "Memory" : "Throughput"}
            type="stepAfter"
            stroke="var(--lml-chart-1)"
            fill="var(--lml-chart-1)"
            fillOpacity={0.18}
            strokeWidth={2}
            isAnimationActive={false}
          />
        ) : null}
        <Line
          yAxisId="percent"
          dataKey="percent"
          name="Completed"
          stroke="var(--lml-chart-3)"
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
