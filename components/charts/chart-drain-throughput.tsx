"use client";
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { binaryAxisLabels, binaryLinearTicks, formatRate } from "@/lib/present/format";
import { AXIS, GRID_STROKE, SECONDS_AXIS, secondsLabel, TOOLTIP_STYLE } from "./chart-style";

/** A drain's throughput: every move's memory bytes per second summed, over simulated seconds. */
export function ChartDrainThroughput({
  rows,
  height = 240,
}: {
  rows: { seconds: number; bytesPerSecond: number }[];
  height?: number;
}) {
  const ticks = binaryLinearTicks(Math.max(128 * 1024 * 1024, ...rows.map((r) => r.bytesPerSecond * 1.05)));
  return (
    <ResponsiveContainer width="100%" height={height}>
      <AreaChart data={rows} margin={{ top: 16, right: 8, bottom: 4, left: 8 }}>
        <CartesianGrid stroke={GRID_STROKE} vertical={false} />
        <XAxis {...SECONDS_AXIS} domain={[0, "dataMax"]} tickFormatter={(s: number) => `${s} s`} />
        <YAxis
          domain={[0, ticks.at(-1) ?? 0]}
          ticks={ticks}
          tickFormatter={binaryAxisLabels(ticks, "/s")}
          tick={AXIS}
          stroke={GRID_STROKE}
          width={80}
        />
        <Tooltip
          formatter={(value, name) => (typeof value === "number" ? [formatRate(value), name] : ["-", name])}
          labelFormatter={secondsLabel}
          contentStyle={TOOLTIP_STYLE}
        />
        <Area
          dataKey="bytesPerSecond"
          name="Throughput"
          type="stepAfter"
          stroke="var(--lml-chart-1)"
          fill="var(--lml-chart-1)"
          fillOpacity={0.18}
          strokeWidth={2}
          isAnimationActive={false}
        />
      </AreaChart>
    </ResponsiveContainer>
  );
}
