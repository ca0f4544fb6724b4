"use client";
import { CircleCheck, CircleX, TriangleAlert } from "lucide-react";
import { ChartPassPreview } from "@/components/charts/lazy";
import { KIND_LABELS } from "@/lib/hyperv/vocabulary";
import { formatBytes, formatSeconds } from "@/lib/present/format";
import { reasonText } from "@/lib/present/reasons";
import type { CompareReport, CompareResult, Incompatibility, MigrationKind } from "@/lib/schemas/migration";
import { PowerShellBlock } from "./powershell-block";

/** Step 4: what will happen, whether it can, how long it should take, and the same move as a script. */
export function ReviewStep({
  result,
  kind,
  startedFrom,
  storagePath,
}: {
  result: CompareResult;
  kind: MigrationKind;
  startedFrom: string;
  storagePath: string | null;
}) {
  const dest = result.destination;
  return (
    <div className="flex flex-col gap-5">
      <section aria-label="Summary">
        <p>
          {KIND_LABELS[kind]} of <strong>{result.vm.name}</strong>{" "}
          {kind === "storage" ? (
            <>
              on <strong>{result.vm.hostName}</strong>
            </>
          ) : (
            <>
              from <strong>{result.vm.hostName}</strong> to{" "}
              <strong>{dest ? dest.name : "no destination"}</strong>
              {dest?.chosenAsBest ? " (best possible)" : ""}
            </>
          )}
          {storagePath ? (
            <>
              , files to <span className="font-mono text-sm whitespace-nowrap">{storagePath}</span>
            </>
          ) : null}
          , started from {startedFrom}.
        </p>
      </section>
      <CompareReportView report={result.report} />
      <PredictionView result={result} />
      <PowerShellBlock script={result.powershell} />
    </div>
  );
}

const LEVEL = {
  error: { icon: CircleX, className: "text-danger", word: "Error" },
  warning: { icon: TriangleAlert, className: "text-warning", word: "Warning" },
} as const;

/** Compare-VM's report: errors block the move, warnings only inform. */
export function CompareReportView({
  report,
  title = "Compatibility report",
}: {
  report: CompareReport;
  title?: string;
}) {
  const errors = report.incompatibilities.filter((i) => i.level === "error").length;
  const warnings = report.incompatibilities.length - errors;
  return (
    <section aria-label={title}>
      <h4 className="text-lg font-semibold">{title}</h4>
      <p className="mb-2 text-sm text-fg-muted">
        Compare-VM · {report.operationType} · destination {report.destination}
      </p>
      {report.incompatibilities.length === 0 ? (
        <p className="flex items-center gap-1.5">
          <CircleCheck aria-hidden size={16} className="text-success" />
          No incompatibilities found: the move can start.
        </p>
      ) : (
        <>
          <p className="mb-2 font-semibold">
            {[plural(errors, "error"), plural(warnings, "warning")].filter(Boolean).join(", ")}
            {errors > 0 ? ": errors block the move." : ": warnings do not block the move."}
          </p>
          <ul className="flex flex-col gap-2">
            {report.incompatibilities.map((item) => (
              <IncompatibilityItem key={`${item.rule}|${item.source}|${item.message}`} item={item} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function plural(n: number, word: string): string {
  return n === 0 ? "" : `${n} ${word}${n === 1 ? "" : "s"}`;
}

function IncompatibilityItem({ item }: { item: Incompatibility }) {
  const level = LEVEL[item.level];
  const Icon = level.icon;
  return (
    <li
      className={`flex gap-2 rounded-sm border-l-4 px-3 py-2 ${item.level === "error" ? "border-danger bg-danger-soft" : "border-warning bg-warning-soft"}`}
    >
      <Icon aria-hidden size={16} className={`mt-0.5 shrink-0 ${level.className}`} />
      <div className="min-w-0">
        <div>
          <span className="sr-only">{level.word}: </span>
          {item.message}
        </div>
        <div className="mt-0.5 text-sm text-fg-muted">
          {/* Compare-VM's MessageId where a source gives one (33012); none is invented for the others. */}
          {level.word}
          {item.messageId > 0 ? ` · MessageId ${item.messageId}` : ""} · Source {item.source}
        </div>
        {item.hint ? <div className="mt-1 text-sm">{item.hint}</div> : null}
      </div>
    </li>
  );
}

function PredictionView({ result }: { result: CompareResult }) {
  const p = result.prediction;
  return (
    <section aria-label="Prediction">
      <h4 className="mb-2 text-lg font-semibold">Prediction</h4>
      {p && p.reason.kind === "storage" ? (
        <>
          <dl className="grid grid-cols-3 gap-x-4 gap-y-2">
            <Figure label="Expected duration" value={formatSeconds(p.totalMs)} />
            <Figure label="Blackout" value="None" tone="good" />
            <Figure label="Disks to copy" value={formatBytes(p.reason.bytes)} />
            <Figure label="Writes mirrored" value={formatBytes(p.reason.mirroredBytes)} />
          </dl>
          <p className="mt-3">
            <span className="font-semibold">What happens: </span>
            {reasonText(p.reason, { predicted: true })}
          </p>
        </>
      ) : p ? (
        <>
          <dl className="grid grid-cols-3 gap-x-4 gap-y-2">
            <Figure label="Expected duration" value={formatSeconds(p.totalMs)} />
            <Figure label="Blackout" value={formatSeconds(p.downtimeMs)} />
            <Figure label="Pre-copy passes" value={String(p.passes)} />
            <Figure
              label="Converges"
              value={p.converged ? "Yes" : "No"}
              tone={p.converged ? "good" : "bad"}
            />
            <Figure label="Data to send" value={formatBytes(p.bytesSent)} />
            <Figure label="On the wire" value={formatBytes(p.wireBytes)} />
            {p.storage ? (
              <Figure
                label="Disks copied first"
                value={`${formatBytes(p.storage.bytes)} in ${formatSeconds(p.storage.durationMs)}`}
              />
            ) : null}
          </dl>
          <p className="mt-3">
            <span className="font-semibold">
              {p.converged ? "Why it converges: " : "Why it does not converge: "}
            </span>
            {reasonText(p.reason, { predicted: true })}
          </p>
          {p.passList.length > 0 ? (
            <div className="mt-3">
              <div className="mb-1 text-sm">
                <span className="font-semibold">Data sent per pre-copy pass</span>
                <span className="text-fg-muted"> (log scale)</span>
              </div>
              <ChartPassPreview passes={p.passList} />
            </div>
          ) : null}
        </>
      ) : (
        <p className="text-fg-muted">No prediction: the engine predicts only a move that can start.</p>
      )}
    </section>
  );
}

function Figure({ label, value, tone }: { label: string; value: string; tone?: "good" | "bad" }) {
  return (
    <div className="border-l-2 border-border pl-2">
      <dt className="text-sm text-fg-muted">{label}</dt>
      <dd
        className={`text-lg font-semibold tabular-nums ${tone === "good" ? "text-success" : tone === "bad" ? "text-warning" : ""}`}
      >
        {value}
      </dd>
    </div>
  );
}
