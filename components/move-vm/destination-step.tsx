"use client";
import { CircleX, Sparkles } from "lucide-react";
import { useId } from "react";
import { Status } from "@/components/ui/status";
import { formatMiB } from "@/lib/present/format";
import type { CompareResult, DestinationOption, MigrationKind } from "@/lib/schemas/migration";

/**
 * A cluster move can only go to a node of the same cluster that is Up, and no choice in the pane
 * changes that. Other problems depend on choices made later (start from, switch mapping), so such
 * a host stays selectable and the review shows its whole Compare-VM report.
 */
export function selectable(host: DestinationOption, kind: MigrationKind): boolean {
  if (host.compatible) return true;
  if (host.state !== "Up") return false;
  return kind === "live" || kind === "quick" ? host.sameCluster : true;
}

/** Step 2: "Best possible node" or one host from the list; incompatible hosts show why. */
export function DestinationStep({
  result,
  kind,
  destination,
  onChange,
}: {
  result: CompareResult;
  kind: MigrationKind;
  destination: number | "best";
  onChange: (destination: number | "best") => void;
}) {
  const id = useId();
  const name = `${id}-destination`;
  if (kind === "storage") {
    return (
      <section aria-labelledby={`${id}-h`}>
        <h4 id={`${id}-h`} className="mb-1 text-lg font-semibold">
          Destination
        </h4>
        <p>
          A storage move keeps {result.vm.name} running on <strong>{result.vm.hostName}</strong>: only its
          files move. Choose the folder on the next step.
        </p>
      </section>
    );
  }
  const word = kind === "shared-nothing" ? "server" : "node";
  const best = result.destination?.chosenAsBest ? result.destination : null;
  return (
    <fieldset>
      <legend className="mb-1 text-lg font-semibold">Destination</legend>
      <p className="mb-3 text-fg-muted">
        {kind === "shared-nothing"
          ? "Any other Hyper-V server in the domain. The VM's disks travel with it."
          : `The other nodes of the cluster that owns ${result.vm.hostName}.`}
      </p>
      <label
        className={`mb-3 flex items-start gap-2 rounded-sm border px-3 py-2 ${destination === "best" ? "border-accent bg-accent-soft" : "border-border"}`}
      >
        <input
          type="radio"
          name={name}
          className="mt-1 accent-accent"
          checked={destination === "best"}
          onChange={() => onChange("best")}
          aria-describedby={`${id}-best`}
        />
        <span>
          <span className="flex items-center gap-1.5 font-semibold">
            Best possible {word}
            <Sparkles aria-hidden size={14} className="text-accent" />
          </span>
          <span id={`${id}-best`} className="block text-sm text-fg-muted">
            {destination !== "best"
              ? `Admin Center picks the compatible ${word} with the most free memory.`
              : best
                ? result.destinations.find((d) => d.hostId === best.hostId)?.compatible === false
                  ? `${best.name}: the ${word} with the most free memory once its missing switches are mapped on Options.`
                  : `${best.name}: the compatible ${word} with the most free memory.`
                : `No ${word} qualifies: every host below has a problem that blocks the move.`}
          </span>
        </span>
      </label>
      {result.destinations.length === 0 ? (
        <p className="text-fg-muted">There is no other {word} to move to.</p>
      ) : (
        <>
          {result.destinations.some((h) => !h.compatible && selectable(h, kind)) ? (
            <p className="mb-2 text-sm text-fg-muted">
              A host marked <CircleX aria-hidden size={12} className="inline align-[-1px] text-danger" />{" "}
              fails a check with the current choices: pick it to see the whole report on the Review step.
            </p>
          ) : null}
          <table aria-label="Destination hosts" className="w-full table-fixed text-left">
            <thead>
              <tr className="h-8 border-b border-border text-sm">
                <th className="w-[30%] pl-1 font-semibold">Name</th>
                <th className="w-[15%] font-semibold">State</th>
                <th className="w-[18%] font-semibold">CPU vendor</th>
                <th className="w-[18%] pr-3 text-right font-semibold">Free memory</th>
                <th className="font-semibold">Missing switches</th>
              </tr>
            </thead>
            <tbody>
              {result.destinations.map((h) => (
                <HostRow
                  key={h.hostId}
                  host={h}
                  enabled={selectable(h, kind)}
                  name={name}
                  checked={destination === h.hostId}
                  onChange={() => onChange(h.hostId)}
                />
              ))}
            </tbody>
          </table>
        </>
      )}
    </fieldset>
  );
}

function HostRow({
  host,
  enabled,
  name,
  checked,
  onChange,
}: {
  host: DestinationOption;
  enabled: boolean;
  name: string;
  checked: boolean;
  onChange: () => void;
}) {
  const id = useId();
  const problem = host.compatible ? null : (host.reason ?? "Not compatible with this virtual machine.");
  const rowClass = checked ? "bg-accent-soft" : enabled ? "hover:bg-hover" : "";
  return (
    <>
      <tr
        className={`h-9 ${problem ? "" : "border-b border-border"} ${rowClass} ${enabled ? "" : "text-fg-muted"}`}
      >
        <td className="truncate pl-1">
          <label className={`flex items-center gap-2 ${enabled ? "cursor-pointer" : "cursor-not-allowed"}`}>
            <input
              type="radio"
              name={name}
              className="accent-accent"
              checked={checked}
              disabled={!enabled}
              onChange={onChange}
              aria-describedby={problem ? `${id}-reason` : undefined}
            />
            <span className={enabled ? "font-semibold" : ""}>{host.name}</span>
          </label>
        </td>
        <td>
          <Status value={host.state} />
        </td>
        <td className="truncate" title={`${host.cpuVendor} ${host.cpuFeatureLevel}`}>
          {host.cpuVendor}
          <span className="block text-sm leading-3 text-fg-muted">{host.cpuFeatureLevel}</span>
        </td>
        <td className="pr-3 text-right tabular-nums">{formatMiB(host.freeMemoryMiB)}</td>
        <td className="truncate">
          {host.missingSwitches.length > 0 ? (
            host.missingSwitches.join(", ")
          ) : (
            <span className="text-fg-muted">None</span>
          )}
        </td>
      </tr>
      {problem ? (
        <tr className={`border-b border-border ${rowClass}`}>
          <td colSpan={5} className="pb-2 pl-7 text-sm">
            <span id={`${id}-reason`} className="flex items-start gap-1 text-fg">
              <CircleX aria-hidden size={14} className="mt-px shrink-0 text-danger" />
              {problem}
            </span>
          </td>
        </tr>
      ) : null}
    </>
  );
}
