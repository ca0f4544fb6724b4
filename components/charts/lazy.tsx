"use client";
import dynamic from "next/dynamic";

// The chart library is the largest part of the browser's code: a page loads it only where a chart
// is drawn, through these (app/client-bundle.test.ts keeps recharts off every page's first load).
// While the chart's code arrives, a box of the chart's height holds its place.

const Placeholder280 = () => <div aria-hidden data-chart-placeholder className="h-[280px]" />;
const Placeholder150 = () => <div aria-hidden data-chart-placeholder className="h-[150px]" />;
const Placeholder180 = () => <div aria-hidden data-chart-placeholder className="h-[180px]" />;

export const ChartPassDirtyPages = dynamic(
  () => import("./chart-pass-dirty-pages").then((m) => m.ChartPassDirtyPages),
  { ssr: false, loading: Placeholder280 },
);

export const ChartThroughput = dynamic(() => import("./chart-throughput").then((m) => m.ChartThroughput), {
  ssr: false,
  loading: Placeholder280,
});

export const ChartPassPreview = dynamic(
  () => import("./chart-pass-preview").then((m) => m.ChartPassPreview),
  {
    ssr: false,
    loading: Placeholder150,
  },
);

const Placeholder240 = () => <div aria-hidden data-chart-placeholder className="h-[240px]" />;

export const ChartDrainThroughput = dynamic(
  () => import("./chart-drain-throughput").then((m) => m.ChartDrainThroughput),
  { ssr: false, loading: Placeholder240 },
);

export const ChartStorageCopy = dynamic(
  () => import("./chart-storage-copy").then((m) => m.ChartStorageCopy),
  { ssr: false, loading: Placeholder280 },
);

export const ChartLinkShare = dynamic(() => import("./chart-link-share").then((m) => m.ChartLinkShare), {
  ssr: false,
  loading: Placeholder180,
});
