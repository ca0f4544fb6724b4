import { Ban, Check, X } from "lucide-react";
import { formatSeconds } from "@/lib/present/format";
import type { Step, StepState } from "./view-model";

const WORDS: Record<StepState, string> = {
  pending: "not started",
  current: "in progress",
  done: "completed",
  failed: "failed",
  cancelled: "cancelled",
};

const CIRCLE: Record<StepState, string> = {
  pending: "border-border-strong text-fg-muted bg-surface",
  current: "border-accent bg-accent text-on-accent",
  done: "border-success bg-success text-white",
  failed: "border-danger bg-danger text-white",
  cancelled: "border-warning bg-warning text-white",
};

/** Hyper-V's four stages with the cluster resource's MigrationState for each. */
export function StageStepper({ steps }: { steps: Step[] }) {
  return (
    <ol aria-label="Migration stages" className="flex w-full items-start">
      {steps.map((step, i) => {
        const last = i === steps.length - 1;
        const next = steps[i + 1];
        const lineDone = step.state === "done" && next && next.state !== "pending";
        return (
          <li
            key={step.stage}
            aria-label={`${step.label}: ${WORDS[step.state]} (MigrationState ${step.migrationState})`}
            aria-current={step.state === "current" ? "step" : undefined}
            data-state={step.state}
            className={`flex min-w-0 items-start ${last ? "" : "flex-1"}`}
          >
            <div className="flex min-w-0 flex-col items-start">
              <div className="flex items-center gap-2">
                <span
                  aria-hidden
                  className={`flex h-7 w-7 shrink-0 items-center justify-center rounded-full border-2 text-sm font-semibold ${CIRCLE[step.state]} ${step.state === "current" ? "ring-4 ring-accent-soft" : ""}`}
                >
                  {step.state === "done" ? (
                    <Check size={16} strokeWidth={3} />
                  ) : step.state === "failed" ? (
                    <X size={16} strokeWidth={3} />
                  ) : step.state === "cancelled" ? (
                    <Ban size={14} strokeWidth={3} />
                  ) : (
                    i + 1
                  )}
                </span>
                <span
                  className={`whitespace-nowrap ${step.state === "current" ? "font-semibold text-accent" : step.state === "pending" ? "text-fg-muted" : "font-semibold"}`}
                >
                  {step.label}
                </span>
              </div>
              <div aria-hidden className="mt-1 pl-9 text-sm whitespace-nowrap text-fg-muted">
                MigrationState {step.migrationState}
                {step.durationMs !== null ? ` · ${formatSeconds(step.durationMs)}` : ""}
                {step.state === "failed" ? " · Failure" : step.state === "cancelled" ? " · Canceled" : ""}
              </div>
            </div>
            {last ? null : (
              <div
                aria-hidden
                className={`mx-3 mt-3.5 h-0.5 min-w-6 flex-1 ${lineDone ? "bg-success" : "bg-border-strong/40"}`}
              />
            )}
          </li>
        );
      })}
    </ol>
  );
}
