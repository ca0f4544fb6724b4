"use client";
import {
  Area,
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
import type { StorageCopyRow } from "@/components/migration/view-model";
import { binaryAxisLabels, binaryLinearTicks, formatBytes } from "@/lib/present/format";
import { AXIS, GRID_STROKE, LEGEND_STYLE, SECONDS_AXIS, secondsLabel, TOOLTIP_STYLE } from "./chart-style";

/**
 * A disk copy over simulated time: bytes copied (area) up to the disks' size (the dashed line),
 * and the guest's writes mirrored to both copies meanwhile (line).
 */
export function ChartStorageCopy({
  rows,
  totalBytes,
  height = 280,
}: {
  rows: StorageCopyRow[];
  totalBytes: number;
  height?: number;
}) {
  const ticks = binaryLinearTicks(Math.max(totalBytes, ...rows.map((r) => r.copiedBytes)) * 1.05);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart data={rows} margin={{ top: 16, right: 8, bottom: 4, left: 8 }}>
        <CartesianGrid stroke={GRID_STROKE} vertical={false} />
        <XAxis {...SECONDS_AXIS} domain={[0, "dataMax"]} tickFormatter={(s: number) => `${s} s`} />
        <YAxis
          domain={[0, ticks.at(-1) ?? 0]}
          ticks={ticks}
          tickFormatter={binaryAxisLabels(ticks)}
          tick={AXIS}
          stroke={GRID_STROKE}
          width={80}
        />
        <ReferenceLine
          y={totalBytes}
          stroke="var(--lml-chart-4)"
          strokeDasharray="4 3"
          label={{
            value: "Disks to copy",
            position: "insideTopRight",
            fill: "var(--lml-chart-4)",
            fontSize: 12,
          }}
        />
        <Tooltip
          formatter={(value, name) => [typeof value === "number" ? formatBytes(value) : "-", name]}
          labelFormatter={secondsLabel}
          contentStyle={TOOLTIP_STYLE}
        />
        <Legend wrapperStyle={LEGEND_STYLE} />
        <Area
          dataKey="copiedBytes"
          name="Copied"
          type="linear"
          stroke="var(--lml-chart-2)"
          fill="var(--lml-chart-2)"
          fillOpacity={0.18}
          strokeWidth={2}
          isAnimationActive={false}
        />
        <Line
          dataKey="mirroredBytes"
          name="Writes mirrored"
          stroke="var(--lml-chart-3)"
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
