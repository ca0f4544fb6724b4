"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import {
  CompareMigrationInput,
  type CompareReport,
  type CompareResult,
  MAX_SPEED,
  type MigrationKind,
  type MigrationStatus,
  type StartedFrom,
  StartMigrationInput,
} from "@/lib/schemas/migration";
import { ApiError, api } from "./api";
import { migrationKeys } from "./keys";

/** The Move pane's choices, text fields as typed. */
export interface MoveChoices {
  /** Unset until the operator picks one: the server then proposes the best kind for the VM. */
  kind?: MigrationKind;
  destination: number | "best";
  startedFrom: StartedFrom;
  /** Empty means the server's default path for the destination. */
  storagePath: string;
  /** VM switch -> destination switch; an empty value is not mapped yet. */
  switchMap: Record<string, string>;
  speed: string;
  seed: string;
}

export const INITIAL_CHOICES: MoveChoices = {
  destination: "best",
  startedFrom: "admin-center",
  storagePath: "",
  switchMap: {},
  speed: "",
  seed: "",
};

export type MoveField = "storagePath" | "speed" | "seed" | "switchMap";

export interface MoveRequest {
  /** What the compare route is asked: the choices that change the report, the prediction or the script. */
  compare: CompareMigrationInput;
  /** The POST /api/migrations body; null while the kind is unknown or a field is invalid. */
  start: StartMigrationInput | null;
  /** Problems with typed fields, by field; an invalid field is left out of `compare`. */
  issues: Partial<Record<MoveField, string>>;
}

export const MOVES_STORAGE: readonly MigrationKind[] = ["shared-nothing", "storage"];

function parseNumber(text: string, whole: boolean): number | undefined | "invalid" {
  const t = text.trim();
  if (t === "") return undefined;
  if (whole ? !/^[0-9]+$/.test(t) : !/^[0-9]+(\.[0-9]+)?$/.test(t)) return "invalid";
  return Number(t);
}

/**
 * Turns the pane's choices into the compare query and the start body. `resolvedKind` is the kind
 * the server proposed, used until the operator picks one. Speed and seed do not change a
 * prediction (it has no noise and runs in simulated time), so they go only to the start body.
 */
export function moveRequest(vmId: number, choices: MoveChoices, resolvedKind?: MigrationKind): MoveRequest {
  const issues: MoveRequest["issues"] = {};
  const kind = choices.kind ?? resolvedKind;
  const compare: CompareMigrationInput = {
    vmId,
    destinationHostId: choices.destination,
    startedFrom: choices.startedFrom,
  };
  if (choices.kind) compare.kind = choices.kind;
  const path = choices.storagePath.trim();
  if (path && kind && MOVES_STORAGE.includes(kind)) {
    const checked = CompareMigrationInput.shape.storagePath.safeParse(path);
    if (checked.success) compare.storagePath = checked.data;
    else issues.storagePath = checked.error.issues[0]?.message ?? "Enter a local path.";
  }
  const mapped = Object.entries(choices.switchMap).filter(([, to]) => to !== "");
  if (mapped.length > 0) compare.switchMap = Object.fromEntries(mapped);

  const speed = parseNumber(choices.speed, false);
  if (speed === "invalid" || (speed !== undefined && (speed < 1 || speed > MAX_SPEED))) {
    issues.speed = `Enter a speed from 1 to ${MAX_SPEED}.`;
  }
  const seed = parseNumber(choices.seed, true);
  if (seed === "invalid" || (seed !== undefined && seed > 2 ** 31 - 1)) {
    issues.seed = "Enter a whole number from 0 to 2147483647.";
  }

  let start: StartMigrationInput | null = null;
  if (kind && Object.keys(issues).length === 0) {
    const parsed = StartMigrationInput.safeParse({
      ...compare,
      kind,
      ...(typeof speed === "number" ? { speed } : {}),
      ...(typeof seed === "number" ? { seed } : {}),
    });
    if (parsed.success) start = parsed.data;
    else {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (field === "storagePath" || field === "speed" || field === "seed" || field === "switchMap") {
          issues[field] ??= issue.message;
        }
      }
    }
  }
  return { compare, start, issues };
}

/** The Compare-VM report a 422 `migration_blocked` carries, or null for any other failure. */
export function blockedReport(error: unknown): CompareReport | null {
  if (!(error instanceof ApiError) || error.code !== "migration_blocked") return null;
  const report = (error.details as { report?: CompareReport } | undefined)?.report;
  return report && Array.isArray(report.incompatibilities) ? report : null;
}

/** The migration a 409 says the VM is already in, so the pane can link to it. */
export function conflictMigrationId(error: unknown): number | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const id = (error.details as { migrationId?: unknown } | undefined)?.migrationId;
  return typeof id === "number" && Number.isInteger(id) && id > 0 ? id : null;
}

/**
 * One key per opening of the Move pane, so a double click on Move starts one migration.
 * randomUUID exists only in secure contexts; the lab is also opened over plain http by address.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A value that follows `value` once it has stopped changing for `ms` (typed paths). */
export function useDebouncedValue<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** The Move pane's source of truth, asked again at every choice; the last answer stays on screen meanwhile. */
export function useCompareMigration(input: CompareMigrationInput) {
  return useQuery({
    queryKey: migrationKeys.compare(input),
    queryFn: ({ signal }) =>
      api<CompareResult>("/api/migrations/compare", { method: "POST", body: input, signal }),
    placeholderData: keepPreviousData,
  });
}

export interface StartedMigration {
  id: number;
  status: MigrationStatus;
}

export function useStartMigration() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: StartMigrationInput; idempotencyKey: string }) =>
      api<StartedMigration>("/api/migrations", {
        method: "POST",
        body: input,
        headers: { "Idempotency-Key": idempotencyKey },
      }),
    onSuccess: () => {
      // A started move changes the history and what other compares say (limits, "already moving").
      void client.invalidateQueries({ queryKey: migrationKeys.lists() });
      void client.invalidateQueries({ queryKey: [...migrationKeys.all, "compare"] });
    },
  });
}
