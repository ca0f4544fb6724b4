"use client";
import { Info } from "lucide-react";
import { useId } from "react";
import type { CompareResult } from "@/lib/schemas/migration";
import { MIGRATION_KINDS, type MigrationKind } from "@/lib/schemas/values";
import { kindDescription, kindLabel } from "./texts";

/** Step 1: the four kinds of move; a kind that cannot apply to this VM is disabled with the reason. */
export function KindStep({
  result,
  kind,
  clusterName,
  onChange,
}: {
  result: CompareResult;
  kind: MigrationKind;
  clusterName: string | null;
  onChange: (kind: MigrationKind) => void;
}) {
  const id = useId();
  return (
    <fieldset>
      <legend className="mb-1 text-lg font-semibold">Kind of move</legend>
      <p className="mb-3 text-fg-muted">
        How should {result.vm.name} ({result.vm.state}, on {result.vm.hostName}) move?
      </p>
      <div className="flex flex-col gap-2">
        {MIGRATION_KINDS.map((k) => {
          const option = result.kinds.find((o) => o.kind === k);
          const enabled = option?.enabled ?? false;
          const checked = k === kind;
          const descId = `${id}-${k}`;
          return (
            <div
              key={k}
              className={`rounded-sm border px-3 py-2 ${checked ? "border-accent bg-accent-soft" : "border-border"} ${enabled ? "" : "opacity-90"}`}
            >
              <label
                className={`flex items-start gap-2 ${enabled ? "cursor-pointer" : "cursor-not-allowed text-fg-muted"}`}
              >
                <input
                  type="radio"
                  name={`${id}-kind`}
                  className="mt-1 accent-accent"
                  checked={checked}
                  disabled={!enabled}
                  aria-describedby={descId}
                  onChange={() => onChange(k)}
                />
                <span className="font-semibold">{kindLabel(k, clusterName)}</span>
              </label>
              <div id={descId} className="mt-0.5 pl-6 text-sm">
                {enabled ? (
                  <span className="text-fg-muted">{kindDescription(k, result.vm.hostName)}</span>
                ) : (
                  <span className="flex items-start gap-1 text-fg">
                    <Info aria-hidden size={14} className="mt-px shrink-0 text-fg-muted" />
                    {option?.reason ?? "Not available for this virtual machine."}
                  </span>
                )}
              </div>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
