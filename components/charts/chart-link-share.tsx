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
import { formatLinkRate, type ShareRow } from "@/components/migration/view-model";
import { formatSeconds } from "@/lib/present/format";
import { AXIS, GRID_STROKE, TOOLTIP_STYLE } from "./chart-style";

/** This move's share of its links over simulated time (steps), under what the tightest link carries. */
export function ChartLinkShare({ rows, height = 180 }: { rows: ShareRow[]; height?: number }) {
  const top = Math.max(1, ...rows.map((r) => Math.max(r.capacity, r.share))) * 1.1;
  return (
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 4, left: 8 }}>
        <CartesianGrid stroke={GRID_STROKE} vertical={false} />
        <XAxis
          dataKey="seconds"
          type="number"
          domain={["dataMin", "dataMax"]}
          allowDecimals={false}
          tickFormatter={(s: number) => `${Math.round(s)} s`}
          tick={AXIS}
          stroke={GRID_STROKE}
        />
        <YAxis
          domain={[0, top]}
          tickCount={4}
          tickFormatter={(v: number) => formatLinkRate(v)}
          tick={AXIS}
          stroke={GRID_STROKE}
          width={80}
        />
        <Tooltip
          formatter={(value, name) => [typeof value === "number" ? formatLinkRate(value) : "-", name]}
          labelFormatter={(label) =>
            typeof label === "number" ? formatSeconds(label * 1000) : String(label)
          }
          contentStyle={TOOLTIP_STYLE}
        />
        <Legend wrapperStyle={{ fontSize: 12, color: "var(--lml-fg-muted)" }} />
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
