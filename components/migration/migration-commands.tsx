"use client";
import { CircleStop, Gauge, History, MemoryStick, RefreshCw, Unplug } from "lucide-react";
import Link from "next/link";
import { useId, useState } from "react";
import { Button, CommandBar } from "@/components/ui/button";
import { useModalDialog } from "@/components/ui/panel";
import { MessageBar } from "@/components/ui/states";
import { controlRefusal } from "@/lib/auth/roles";
import { useCancelMigration, useMigrationFault } from "@/lib/client/use-migrations";
import { useSession } from "@/lib/client/use-session";
import type { MigrationDetail, MigrationFaultInput } from "@/lib/schemas/migration";

type Notice = { kind: "error" | "success" | "warning"; text: string } | null;

function ConfirmCancel({
  detail,
  onConfirm,
  onClose,
}: {
  detail: MigrationDetail;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { titleId, dialogProps } = useModalDialog(onClose);
  return (
    <dialog
      {...dialogProps}
      className="m-auto w-[min(440px,100vw)] border border-border bg-surface p-6 text-fg shadow-2xl backdrop:bg-black/30"
    >
      <h2 id={titleId} className="text-xl font-semibold">
        Cancel the move?
      </h2>
      <p className="mt-3">
        The move of {detail.vmName} is rolled back: the temporary virtual machine on{" "}
        {detail.destinationHost.name} is removed and {detail.vmName} keeps running on {detail.sourceHost.name}
        .
      </p>
      <p className="mt-2 text-sm text-fg-muted">
        Once the state transfer has switched the VM over, it is too late to cancel.
      </p>
      <div className="mt-6 flex justify-end gap-2">
        <Button variant="primary" onClick={onConfirm}>
          Yes, cancel the move
        </Button>
        <Button onClick={onClose}>No</Button>
      </div>
    </dialog>
  );
}

function ThrottleForm({
  onApply,
  onClose,
  busy,
}: {
  onApply: (mbps: number) => void;
  onClose: () => void;
  busy: boolean;
}) {
  const [value, setValue] = useState("1000");
  const id = useId();
  const mbps = Number(value);
  const valid = value.trim() !== "" && Number.isFinite(mbps) && mbps > 0 && mbps <= 400_000;
  return (
    <form
      aria-label="Throttle the link"
      className="absolute top-9 left-0 z-40 w-72 border border-border bg-surface p-4 shadow-xl"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) onApply(mbps);
      }}
      onKeyDown={(e) => e.key === "Escape" && onClose()}
    >
      <label htmlFor={id} className="font-semibold">
        Link speed (Mbit/s)
      </label>
      <input
        id={id}
        type="number"
        min={1}
        max={400000}
        step="any"
        value={value}
        aria-invalid={!valid}
        aria-describedby={`${id}-hint`}
        onChange={(e) => setValue(e.target.value)}
        className="mt-1 h-8 w-full rounded-sm border border-border-strong bg-surface px-2 text-fg focus:border-accent focus:outline-none aria-invalid:border-danger"
      />
      <p id={`${id}-hint`} className="mt-1 text-sm text-fg-muted">
        The live-migration network's new line rate, 1 to 400,000 Mbit/s (a 1 GbE link is 1,000).
      </p>
      <div className="mt-3 flex gap-2">
        <Button type="submit" variant="primary" disabled={!valid || busy}>
          Throttle
        </Button>
        <Button onClick={onClose}>Close</Button>
      </div>
    </form>
  );
}

/** Cancel and the lessons' faults, each disabled with its reason when Hyper-V would refuse it. */
export function MigrationCommands({ detail, onRefresh }: { detail: MigrationDetail; onRefresh: () => void }) {
  const cancel = useCancelMigration(detail.id);
  const fault = useMigrationFault(detail.id);
  const [confirming, setConfirming] = useState(false);
  const [throttling, setThrottling] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);

  const active = detail.status === "running" || detail.status === "queued";
  const cancelReason = !active
    ? null
    : detail.switchedOver
      ? `Too late to cancel: ${detail.vmName} already runs on ${detail.destinationHost.name}.`
      : null;
  // A fault only means something while bytes are crossing the link, before the switchover.
  const canFault = detail.status === "running" && !detail.switchedOver;
  // The destination reserves the VM's memory in setup: after that, running it short changes nothing.
  const setupDone = detail.stages.some((s) => s.stage === "setup" && s.completedAtMs !== null);
  const memoryTooLate = setupDone
    ? `Too late: ${detail.destinationHost.name} reserved ${detail.vmName}'s memory during setup.`
    : undefined;
  const session = useSession().data;
  // The server decides (an operator controls only their own moves); the page says so up front.
  const controlUnavailable =
    session?.user && !session.user.local
      ? (controlRefusal(
          { kind: "user", userId: session.userId, name: session.user.name, role: session.user.role },
          detail,
        ) ?? undefined)
      : session && !session.user
        ? "Sign in to control this move."
        : undefined;

  async function doCancel() {
    setConfirming(false);
    setNotice(null);
    try {
      await cancel.mutateAsync();
      setNotice({ kind: "warning", text: `Cancelling the move of ${detail.vmName}: rolling back.` });
    } catch (e) {
      setNotice({ kind: "error", text: e instanceof Error ? e.message : String(e) });
    }
  }

  async function doFault(body: MigrationFaultInput) {
    setThrottling(false);
    setNotice(null);
    try {
      await fault.mutateAsync(body);
      setNotice({
        kind: "warning",
        text:
          body.kind === "link-down"
            ? "The live-migration cable is pulled."
            : body.kind === "destination-out-of-memory"
              ? `${detail.destinationHost.name} is short of memory for ${detail.vmName}.`
              : `The live-migration link now runs at ${body.mbps.toLocaleString("en-US")} Mbit/s.`,
      });
    } catch (e) {
      setNotice({ kind: "error", text: e instanceof Error ? e.message : String(e) });
    }
  }

  return (
    <>
      <CommandBar label="Migration">
        <Button
          variant="command"
          icon={CircleStop}
          unavailable={controlUnavailable}
          disabled={!active || detail.switchedOver || cancel.isPending}
          title={cancelReason ?? undefined}
          onClick={() => setConfirming(true)}
        >
          Cancel move
        </Button>
        <span aria-hidden className="mx-1 h-5 border-l border-border" />
        <Button
          variant="command"
          icon={Unplug}
          unavailable={controlUnavailable}
          disabled={!canFault || fault.isPending}
          onClick={() => void doFault({ kind: "link-down" })}
        >
          Pull the cable
        </Button>
        <div className="relative">
          <Button
            variant="command"
            icon={Gauge}
            aria-expanded={throttling}
            unavailable={controlUnavailable}
            disabled={!canFault || fault.isPending}
            onClick={() => setThrottling((t) => !t)}
          >
            Throttle the link
          </Button>
          {throttling && canFault ? (
            <ThrottleForm
              busy={fault.isPending}
              onApply={(mbps) => void doFault({ kind: "slow-link", mbps })}
              onClose={() => setThrottling(false)}
            />
          ) : null}
        </div>
        {detail.kind === "storage" ? null : (
          <Button
            variant="command"
            icon={MemoryStick}
            unavailable={controlUnavailable ?? (canFault ? memoryTooLate : undefined)}
            disabled={!canFault || fault.isPending}
            onClick={() => void doFault({ kind: "destination-out-of-memory" })}
          >
            Run the destination out of memory
          </Button>
        )}
        <span aria-hidden className="mx-1 h-5 border-l border-border" />
        <Button variant="command" icon={RefreshCw} onClick={onRefresh}>
          Refresh
        </Button>
        <Link
          href="/migrations"
          className="inline-flex h-8 items-center gap-2 rounded-sm px-2 hover:bg-hover"
        >
          <History aria-hidden size={16} strokeWidth={1.75} className="text-accent" />
          All migrations
        </Link>
      </CommandBar>
      {cancelReason ? <p className="mt-1 text-sm text-fg-muted">{cancelReason}</p> : null}
      {/* Once the move has ended, the page's outcome bar is the one final word: a "Cancelling..." or
          "cable pulled" note from a moment ago would only contradict it. Refusals stay. */}
      {notice && (active || notice.kind === "error") ? (
        <div className="mt-2">
          <MessageBar kind={notice.kind}>{notice.text}</MessageBar>
        </div>
      ) : null}
      {confirming ? (
        <ConfirmCancel
          detail={detail}
          onConfirm={() => void doCancel()}
          onClose={() => setConfirming(false)}
        />
      ) : null}
    </>
  );
}
