import { Gauge, MemoryStick, Unplug, Zap } from "lucide-react";
import { formatSeconds } from "@/lib/present/format";
import { faultEffectText } from "@/lib/present/reasons";
import type { MigrationDetail } from "@/lib/schemas/migration";

const LABELS: Record<string, { label: string; icon: typeof Zap }> = {
  "link-down": { label: "Cable pulled", icon: Unplug },
  "slow-link": { label: "Link throttled", icon: Gauge },
  "destination-out-of-memory": { label: "Destination out of memory", icon: MemoryStick },
};

/** The lesson faults injected into this move and what each did, in the engine's words. */
export function FaultList({ faults, startMs }: { faults: MigrationDetail["faults"]; startMs: number }) {
  if (faults.length === 0) return null;
  return (
    <ul aria-label="Injected faults" className="mt-3 flex flex-col gap-1">
      {faults.map((f) => {
        const { label, icon: Icon } = LABELS[f.fault] ?? { label: f.fault, icon: Zap };
        return (
          <li key={`${f.atMs}-${f.fault}`} className="flex items-start gap-2 text-sm">
            <Icon aria-hidden size={14} className="mt-0.5 shrink-0 text-warning" />
            <span>
              <span className="font-semibold">{label}</span>
              <span className="text-fg-muted"> at +{formatSeconds(Math.max(0, f.atMs - startMs))}: </span>
              {faultEffectText(f.effect)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
