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
import type { ShareRow } from "@/components/migration/view-model";
import { decimalLinearTicks, formatLinkRate, linkAxisLabels } from "@/lib/present/format";
import { AXIS, GRID_STROKE, LEGEND_STYLE, SECONDS_AXIS, secondsLabel, TOOLTIP_STYLE } from "./chart-style";

/** This move's share of its links over simulated time (steps), under what the tightest link carries. */
export function ChartLinkShare({ rows, height = 180 }: { rows: ShareRow[]; height?: number }) {
  // Ticks at round bit rates (the labels are in bits) with headroom above the link's line.
  const top = Math.max(1, ...rows.map((r) => Math.max(r.capacity, r.share))) * 1.1;
  const ticks = decimalLinearTicks((top * 8) / 1e6).map((mbps) => (mbps * 1e6) / 8);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 4, left: 8 }}>
        <CartesianGrid stroke={GRID_STROKE} vertical={false} />
        <XAxis {...SECONDS_AXIS} domain={[0, "dataMax"]} tickFormatter={(s: number) => `${s} s`} />
        <YAxis
          domain={[0, ticks.at(-1) ?? 0]}
          ticks={ticks}
          tickFormatter={linkAxisLabels(ticks)}
          tick={AXIS}
          stroke={GRID_STROKE}
          width={80}
        />
        <Tooltip
          formatter={(value, name) => [typeof value === "number" ? formatLinkRate(value) : "-", name]}
          labelFormatter={secondsLabel}
          contentStyle={TOOLTIP_STYLE}
        />
        <Legend wrapperStyle={LEGEND_STYLE} />
        <Area
          dataKey="share"
          name="This move"
          type="stepAfter"
          stroke="var(--lml-chart-1)"
          fill="var(--lml-chart-1)"
          fillOpacity={0.18}
          strokeWidth={2}
          isAnimationActive={false}
        />
        <Line
          dataKey="capacity"
          name="Link"
          type="stepAfter"
          stroke="var(--lml-chart-4)"
          strokeDasharray="4 3"
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
