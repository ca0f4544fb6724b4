// The look every chart shares, from the theme's variables (light and dark follow by themselves).

export const AXIS = { fill: "var(--lml-chart-axis)", fontSize: 12 };
export const GRID_STROKE = "var(--lml-chart-grid)";
export const TOOLTIP_STYLE = {
  background: "var(--lml-surface)",
  border: "1px solid var(--lml-border)",
  borderRadius: 2,
  color: "var(--lml-fg)",
};
