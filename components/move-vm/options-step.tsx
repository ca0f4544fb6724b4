"use client";
import { ChevronRight, CircleCheck } from "lucide-react";
import { useId, useState } from "react";
import { Field } from "@/components/ui/field";
import type { MoveChoices, MoveField } from "@/lib/client/use-move";
import { MOVES_STORAGE } from "@/lib/client/use-move";
import { startedFromLabel } from "@/lib/hyperv/vocabulary";
import type { CompareResult } from "@/lib/schemas/migration";
import { MAX_SPEED, type MigrationKind, STARTED_FROM } from "@/lib/schemas/values";

/** Step 3: where the files go, which switch each adapter lands on, and where the move starts from. */
export function OptionsStep({
  result,
  kind,
  choices,
  storagePath,
  issues,
  onChange,
  onStoragePath,
}: {
  result: CompareResult;
  kind: MigrationKind;
  choices: MoveChoices;
  /** What the path field shows: the typed path, or the server's default until one is typed. */
  storagePath: string;
  issues: Partial<Record<MoveField, string>>;
  onChange: (patch: Partial<MoveChoices>) => void;
  onStoragePath: (path: string) => void;
}) {
  const destination = result.destination?.name ?? "the destination";
  const missing = result.switches.filter((s) => !s.existsOnDestination);
  // Open by default when a speed or seed was chosen; after that only the Advanced button opens or closes
  // it, so clearing the speed while typing does not fold the section away.
  const [advancedOpen, setAdvancedOpen] = useState(() => Boolean(choices.speed || choices.seed));
  const advancedId = useId();
  return (
    <div className="flex flex-col gap-5">
      <section aria-label="Storage" className="flex flex-col gap-2">
        <h4 className="text-lg font-semibold">Storage</h4>
        {MOVES_STORAGE.includes(kind) ? (
          <Field
            label="Destination storage path"
            error={issues.storagePath}
            hint={`Virtual hard disks, configuration and checkpoints move here${result.defaultStoragePath ? ` (default ${result.defaultStoragePath})` : ""}.`}
          >
            {(p) => (
              <input
                {...p}
                className={`${p.className} font-mono`}
                value={storagePath}
                onChange={(e) => onStoragePath(e.target.value)}
                spellCheck={false}
                autoComplete="off"
              />
            )}
          </Field>
        ) : (
          <p className="text-fg-muted">
            The VM's files stay on the cluster shared volume: only memory and device state move.
          </p>
        )}
      </section>

      {kind === "storage" ? null : (
        <section aria-label="Virtual switches" className="flex flex-col gap-2">
          <h4 className="text-lg font-semibold">Virtual switches</h4>
          {result.switches.length === 0 ? (
            <p className="text-fg-muted">No network adapter of this VM is connected to a switch.</p>
          ) : null}
          {result.destination?.chosenAsBest && result.switches.length > 0 ? (
            <p>
              "Best possible node" is <strong>{result.destination.name}</strong> for this move (the most free
              memory{missing.length > 0 ? " once the switches are mapped" : ""}): the switches below are{" "}
              {result.destination.name}'s.
            </p>
          ) : null}
          {result.switches
            .filter((s) => s.existsOnDestination)
            .map((s) => (
              <p key={s.name} className="flex items-center gap-1.5">
                <CircleCheck aria-hidden size={14} className="text-success" />
                <span>
                  <strong>{s.name}</strong> exists on {destination}.
                </span>
              </p>
            ))}
          {missing.map((s) => (
            <Field
              key={s.name}
              label={`Destination switch for ${s.name}`}
              error={choices.switchMap[s.name] ? undefined : issues.switchMap}
              hint={
                choices.switchMap[s.name]
                  ? `Adapters on ${s.name} connect to ${choices.switchMap[s.name]} on ${destination}.`
                  : `${s.name} does not exist on ${destination}: choose a switch there, or the move fails during setup.`
              }
            >
              {(p) => (
                <select
                  {...p}
                  value={choices.switchMap[s.name] ?? ""}
                  onChange={(e) =>
                    onChange({ switchMap: { ...choices.switchMap, [s.name]: e.target.value } })
                  }
                >
                  <option value="">Not mapped</option>
                  {result.destinationSwitches.map((d) => (
                    <option key={d} value={d}>
                      {d}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ))}
        </section>
      )}

      <section aria-label="Start" className="flex flex-col gap-2">
        <h4 className="text-lg font-semibold">Start</h4>
        <Field
          label="Start the move from"
          hint="Decides what CredSSP allows (only a session on the source host), whether Hyper-V Manager may move a clustered VM, and whether a move over the host's limit waits or fails."
        >
          {(p) => (
            <select
              {...p}
              value={choices.startedFrom}
              onChange={(e) => onChange({ startedFrom: e.target.value as MoveChoices["startedFrom"] })}
            >
              {STARTED_FROM.map((f) => (
                <option key={f} value={f}>
                  {startedFromLabel(f, result.vm.hostName)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </section>

      {/* A disclosure button (not <details>): a suite finds it as getByRole("button", { name: "Advanced" }). */}
      <div className="rounded-sm border border-border">
        <button
          type="button"
          aria-expanded={advancedOpen}
          aria-controls={advancedId}
          onClick={() => setAdvancedOpen((open) => !open)}
          className="flex w-full items-center gap-2 px-3 py-2 text-left font-semibold hover:bg-hover"
        >
          <ChevronRight aria-hidden size={14} className={advancedOpen ? "rotate-90" : ""} />
          Advanced
        </button>
        <section
          id={advancedId}
          aria-label="Advanced"
          hidden={!advancedOpen}
          className="grid grid-cols-2 gap-3 px-3 pt-1 pb-3"
        >
          <Field
            label="Simulation speed"
            error={issues.speed}
            hint={`1 to ${MAX_SPEED} times real time; empty uses the server's default. Moves run on one timeline, at the highest speed a running move asked.`}
          >
            {(p) => (
              <input
                {...p}
                inputMode="decimal"
                placeholder="Default"
                value={choices.speed}
                onChange={(e) => onChange({ speed: e.target.value })}
              />
            )}
          </Field>
          <Field label="Seed" error={issues.seed} hint="The same seed replays the same run, pass for pass.">
            {(p) => (
              <input
                {...p}
                inputMode="numeric"
                placeholder="Random"
                value={choices.seed}
                onChange={(e) => onChange({ seed: e.target.value })}
              />
            )}
          </Field>
        </section>
      </div>
    </div>
  );
}
