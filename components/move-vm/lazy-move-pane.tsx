"use client";
import dynamic from "next/dynamic";

// The Move pane validates its fields with the API's own schemas and draws a prediction chart, so
// its code (with zod and recharts) loads when a pane first opens, not with the inventory.
// prefetchMovePane() starts the download when the pointer or the focus reaches a control that opens
// it, so by the click the pane is usually there.

const load = () => import("@/components/move-vm-pane").then((m) => m.MoveVmPane);

export const MoveVmPane = dynamic(load, { ssr: false });

export function prefetchMovePane(): void {
  void load();
}
