// The look every chart shares, from the theme's variables (light and dark follow by themselves).
import { formatSeconds } from "@/lib/present/format";

export const AXIS = { fill: "var(--lml-chart-axis)", fontSize: 12 };
export const GRID_STROKE = "var(--lml-chart-grid)";
export const TOOLTIP_STYLE = {
  background: "var(--lml-surface)",
  border: "1px solid var(--lml-border)",
  borderRadius: 2,
  color: "var(--lml-fg)",
};

export const LEGEND_STYLE = { fontSize: 12, color: "var(--lml-fg-muted)" };

/** The X axis of a chart over the move's simulated seconds (each chart sets its domain and ticks). */
export const SECONDS_AXIS = {
  dataKey: "seconds",
  type: "number",
  allowDecimals: false,
  tick: AXIS,
  stroke: GRID_STROKE,
} as const;

/** A tooltip's heading for a point on the seconds axis. */
export function secondsLabel(label: unknown): string {
  return typeof label === "number" ? formatSeconds(label * 1000) : String(label);
}
