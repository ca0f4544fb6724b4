"use client";
import { CircleX, Loader2 } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { DestinationStep } from "@/components/move-vm/destination-step";
import { KindStep } from "@/components/move-vm/kind-step";
import { OptionsStep } from "@/components/move-vm/options-step";
import { CompareReportView, ReviewStep } from "@/components/move-vm/review-step";
import { StepList } from "@/components/move-vm/step-list";
import { Button } from "@/components/ui/button";
import { Panel } from "@/components/ui/panel";
import { Loading, MessageBar } from "@/components/ui/states";
import { ApiError } from "@/lib/client/api";
import { migrationHref } from "@/lib/client/links";
import { usePrefetchMigration } from "@/lib/client/use-migrations";
import {
  blockedReport,
  conflictMigrationId,
  INITIAL_CHOICES,
  MOVES_STORAGE,
  type MoveChoices,
  moveRequest,
  newIdempotencyKey,
  useCompareMigration,
  useDebouncedValue,
  useStartMigration,
} from "@/lib/client/use-move";
import { useVm } from "@/lib/client/use-vms";
import { startedFromPhrase } from "@/lib/hyperv/vocabulary";
import type { MigrationKind } from "@/lib/schemas/migration";

const STEPS = ["Kind of move", "Destination", "Options", "Review"] as const;

/**
 * Manage > Move: Admin Center's Move pane as a four-step wizard. Every choice asks
 * POST /api/migrations/compare again, so kinds, hosts, the report, the prediction and the script
 * always come from the server; Move posts the same choices and opens the migration's page.
 */
export function MoveVmPane({ vmId, vmName, onClose }: { vmId: number; vmName: string; onClose: () => void }) {
  const router = useRouter();
  const pathname = usePathname();
  const prefetchMigration = usePrefetchMigration();
  const leaving = useRef(false);
  const vm = useVm(vmId);
  const [step, setStep] = useState(0);
  const stepChanged = useRef(false);
  function goTo(next: number) {
    stepChanged.current = true;
    setStep(next);
  }
  // The heading is keyed by step, so this stable ref runs once per step change and not at every
  // render: a render while the operator types (a keystroke, a fresh compatibility answer) must
  // leave the focus in the field. (An inline ref would run, and take the focus, at every render.)
  const headingRef = useCallback((el: HTMLHeadingElement | null) => {
    if (el && stepChanged.current) {
      stepChanged.current = false;
      el.focus();
    }
  }, []);
  const [choices, setChoices] = useState<MoveChoices>(INITIAL_CHOICES);
  const [pathEdited, setPathEdited] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const reasonId = useId();

  // A typed path asks the server once the typing stops, not at every key.
  const settledPath = useDebouncedValue(choices.storagePath, 400);
  // The kind the server proposed, kept so that a typed path counts before the operator picks a kind.
  const [proposedKind, setProposedKind] = useState<MigrationKind>();
  const request = moveRequest(vmId, { ...choices, storagePath: pathEdited ? settledPath : "" }, proposedKind);
  const compare = useCompareMigration(request.compare);
  const result = compare.data;
  const kind: MigrationKind | undefined = choices.kind ?? result?.kind;
  const start = useStartMigration();
  useEffect(() => {
    if (result && !choices.kind) setProposedKind(result.kind);
  }, [result, choices.kind]);

  const shownPath = pathEdited ? choices.storagePath : (result?.defaultStoragePath ?? "");
  const fresh = !compare.isPlaceholderData && !compare.isFetching && settledPath === choices.storagePath;

  function choose(patch: Partial<MoveChoices>) {
    start.reset();
    setChoices((c) => {
      const next = { ...c, ...patch };
      // Another kind or host has other switches: an old mapping would point at nothing.
      if (patch.kind !== undefined || patch.destination !== undefined) next.switchMap = {};
      if (patch.kind !== undefined && patch.kind !== c.kind) next.destination = "best";
      return next;
    });
  }

  async function move() {
    if (!request.start || start.isPending || leaving.current) return;
    try {
      const started = await start.mutateAsync({ input: request.start, idempotencyKey });
      leaving.current = true;
      // The page opens inside this connection, with the move's detail already in the cache.
      const href = migrationHref(started.id, pathname);
      router.prefetch(href);
      await prefetchMigration(started.id);
      onClose();
      router.push(href);
    } catch (error) {
      // A refusal (4xx) created nothing: the next try is a new request, not a repeat of this one.
      if (error instanceof ApiError && error.status < 500) setIdempotencyKey(newIdempotencyKey());
    }
  }

  const errors = result?.report.incompatibilities.filter((i) => i.level === "error").length ?? 0;
  const blockedBy = !result
    ? "Waiting for the compatibility check."
    : errors > 0
      ? `The compatibility report has ${errors === 1 ? "an error" : `${errors} errors`}: fix ${errors === 1 ? "it" : "them"} or choose another kind, destination or start.`
      : Object.keys(request.issues).length > 0
        ? "An option is not valid: see Options."
        : !request.start
          ? "Choose a kind of move."
          : null;
  const canMove = !blockedBy && fresh && !start.isPending;

  const footer =
    step < STEPS.length - 1 ? (
      <>
        <Button disabled={step === 0} onClick={() => goTo(step - 1)}>
          Back
        </Button>
        <Button variant="primary" disabled={!result} onClick={() => goTo(step + 1)}>
          Next
        </Button>
        <Button className="ml-auto" onClick={onClose}>
          Cancel
        </Button>
      </>
    ) : (
      <>
        <Button onClick={() => goTo(step - 1)}>Back</Button>
        <Button
          variant="primary"
          disabled={!canMove}
          aria-describedby={blockedBy ? reasonId : undefined}
          // The second click of a double click on Next lands here: only a click of its own moves.
          onClick={(e) => {
            if (e.detail <= 1) void move();
          }}
        >
          {start.isPending ? <Loader2 aria-hidden size={16} className="animate-spin" /> : null}
          Move
        </Button>
        <Button className="ml-auto" onClick={onClose}>
          Cancel
        </Button>
      </>
    );

  return (
    <Panel title={`Move ${vmName}`} onClose={onClose} footer={footer} wide>
      <StepList steps={STEPS} current={step} onChange={goTo} />
      {/* After a step change the new step's heading (a new element: keyed by step) takes the focus
          and is announced, as Admin Center's wizards do; a second Enter then acts on nothing. */}
      <h3 key={step} ref={headingRef} tabIndex={-1} className="mb-3 text-lg font-semibold focus:outline-none">
        {STEPS[step]}
      </h3>
      <div aria-live="polite" className="sr-only">
        {compare.isFetching ? "Checking the move" : ""}
      </div>
      {compare.error ? (
        <div className="mb-3">
          <MessageBar kind="error">
            <div className="font-semibold">The move could not be checked</div>
            <div>{compare.error.message}</div>
            <button
              type="button"
              className="text-accent hover:underline"
              onClick={() => void compare.refetch()}
            >
              Retry
            </button>
          </MessageBar>
        </div>
      ) : null}
      {!result || !kind ? (
        compare.error ? null : (
          <Loading label="Checking the move" />
        )
      ) : (
        // The last answer stays while the next one loads; it fades only if that takes a moment.
        <div className={`transition-opacity ${compare.isPlaceholderData ? "opacity-60 delay-300" : ""}`}>
          {step === 0 ? (
            <KindStep
              result={result}
              kind={kind}
              clusterName={vm.data?.host.cluster?.name ?? null}
              onChange={(k) => choose({ kind: k })}
            />
          ) : null}
          {step === 1 ? (
            <DestinationStep
              result={result}
              kind={kind}
              destination={choices.destination}
              onChange={(d) => choose({ destination: d })}
            />
          ) : null}
          {step === 2 ? (
            <OptionsStep
              result={result}
              kind={kind}
              choices={choices}
              storagePath={shownPath}
              issues={request.issues}
              onChange={choose}
              onStoragePath={(path) => {
                setPathEdited(true);
                choose({ storagePath: path });
              }}
            />
          ) : null}
          {step === 3 ? (
            <>
              <ReviewStep
                result={result}
                kind={kind}
                startedFrom={startedFromPhrase(choices.startedFrom, result.vm.hostName)}
                storagePath={MOVES_STORAGE.includes(kind) ? shownPath || null : null}
              />
              <StartOutcome error={start.error} reasonId={reasonId} blockedBy={blockedBy} />
            </>
          ) : null}
        </div>
      )}
    </Panel>
  );
}

/** Why Move is disabled, or why the server refused it (422 with its report, 409), at the end of the review. */
function StartOutcome({
  error,
  reasonId,
  blockedBy,
}: {
  error: Error | null;
  reasonId: string;
  blockedBy: string | null;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    if (error) ref.current?.scrollIntoView({ block: "nearest" });
  }, [error]);
  const report = blockedReport(error);
  const moving = conflictMigrationId(error);
  const issues = error instanceof ApiError ? Object.values(error.fieldIssues()) : [];
  return (
    <div ref={ref} className="mt-5 flex flex-col gap-3">
      {error ? (
        <MessageBar kind="error">
          <div className="font-semibold">
            {error instanceof ApiError && error.status === 409
              ? "The move was not started"
              : report
                ? "Preflight refused the move"
                : "The move could not start"}
          </div>
          <div>{error.message}</div>
          {moving ? (
            <Link href={migrationHref(moving, pathname)} className="text-accent hover:underline">
              View progress
            </Link>
          ) : null}
          {issues.length > 0 ? (
            <ul className="mt-1 list-disc pl-5">
              {issues.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          ) : null}
        </MessageBar>
      ) : null}
      {report ? <CompareReportView report={report} title="Report from the server" /> : null}
      {blockedBy ? (
        <p id={reasonId} className="flex items-start gap-1.5 text-sm">
          <CircleX aria-hidden size={14} className="mt-0.5 shrink-0 text-danger" />
          <span>Move is unavailable. {blockedBy}</span>
        </p>
      ) : null}
    </div>
  );
}
