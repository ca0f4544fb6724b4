import { describe, expect, it } from "vitest";
import { ApiError } from "./api";
import {
  blockedReport,
  conflictMigrationId,
  INITIAL_CHOICES,
  type MoveChoices,
  moveRequest,
  newIdempotencyKey,
} from "./use-move";

const choices = (over: Partial<MoveChoices> = {}): MoveChoices => ({ ...INITIAL_CHOICES, ...over });

describe("moveRequest", () => {
  it("asks the server for its proposal until a kind is picked, and has no start body yet", () => {
    const r = moveRequest(7, choices());
    expect(r.compare).toEqual({ vmId: 7, destinationHostId: "best", startedFrom: "admin-center" });
    expect(r.start).toBeNull();
    expect(r.issues).toEqual({});
  });

  it("starts the kind the server proposed when the operator kept it", () => {
    const r = moveRequest(7, choices({ destination: 2 }), "live");
    expect(r.compare.kind).toBeUndefined();
    expect(r.start).toEqual({ vmId: 7, kind: "live", destinationHostId: 2, startedFrom: "admin-center" });
  });

  it("sends the storage path only for moves that move storage", () => {
    const path = "D:\\Hyper-V\\APP01";
    expect(moveRequest(9, choices({ kind: "live", storagePath: path })).compare.storagePath).toBeUndefined();
    const r = moveRequest(9, choices({ kind: "shared-nothing", storagePath: ` ${path} ` }));
    expect(r.compare.storagePath).toBe(path);
    expect(r.start?.storagePath).toBe(path);
    expect(moveRequest(9, choices({ storagePath: path }), "storage").compare.storagePath).toBe(path);
  });

  it("leaves an invalid storage path out of the compare and says why", () => {
    const r = moveRequest(9, choices({ kind: "storage", storagePath: "\\\\server\\share" }));
    expect(r.compare.storagePath).toBeUndefined();
    expect(r.issues.storagePath).toBe("Enter a local path such as D:\\Hyper-V\\WEB01.");
    expect(r.start).toBeNull();
  });

  it("maps only the switches that have a destination chosen", () => {
    const r = moveRequest(5, choices({ kind: "live", switchMap: { Legacy: "Production", Old: "" } }));
    expect(r.compare.switchMap).toEqual({ Legacy: "Production" });
    expect(
      moveRequest(5, choices({ kind: "live", switchMap: { Old: "" } })).compare.switchMap,
    ).toBeUndefined();
  });

  it("puts speed and seed in the start body only, checked as typed", () => {
    const r = moveRequest(5, choices({ kind: "live", speed: "250", seed: "42" }));
    expect(r.compare).not.toHaveProperty("speed");
    expect(r.compare).not.toHaveProperty("seed");
    expect(r.start).toMatchObject({ speed: 250, seed: 42 });
    expect(moveRequest(5, choices({ kind: "live", speed: "1.5" })).start?.speed).toBe(1.5);
    for (const speed of ["0", "0.5", "1001", "fast", "-3", "1e3"]) {
      const bad = moveRequest(5, choices({ kind: "live", speed }));
      expect(bad.issues.speed, speed).toBe("Enter a speed from 1 to 1000.");
      expect(bad.start, speed).toBeNull();
    }
    for (const seed of ["1.5", "-1", "x", "2147483648"]) {
      expect(moveRequest(5, choices({ kind: "live", seed })).issues.seed, seed).toMatch(/whole number/);
    }
    expect(moveRequest(5, choices({ kind: "live", seed: "0" })).start?.seed).toBe(0);
  });
});

describe("blockedReport", () => {
  const report = {
    vm: "APP01",
    operationType: "MoveVirtualMachineAndStorage",
    destination: "HV1",
    incompatibilities: [],
    canMove: false,
  };
  it("reads the report out of a 422 migration_blocked and nothing else", () => {
    expect(blockedReport(new ApiError(422, "migration_blocked", "blocked", { report }))).toEqual(report);
    expect(
      blockedReport(new ApiError(422, "validation_failed", "bad", [{ path: "kind", message: "x" }])),
    ).toBe(null);
    expect(blockedReport(new ApiError(409, "conflict", "moving"))).toBeNull();
    expect(blockedReport(new Error("network"))).toBeNull();
  });
});

describe("conflictMigrationId", () => {
  it("names the migration a 409 says the VM is already in", () => {
    const busy = new ApiError(409, "conflict", "already being moved (migration 12).", { migrationId: 12 });
    expect(conflictMigrationId(busy)).toBe(12);
    expect(conflictMigrationId(new ApiError(409, "conflict", "too late"))).toBeNull();
    expect(conflictMigrationId(new ApiError(409, "conflict", "x", { migrationId: "12" }))).toBeNull();
    expect(conflictMigrationId(new ApiError(422, "migration_blocked", "x", { migrationId: 12 }))).toBeNull();
  });
});

describe("newIdempotencyKey", () => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it("gives a fresh v4 UUID each time", () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(UUID);
    expect(newIdempotencyKey()).not.toBe(a);
  });

  it("builds one from random bytes where randomUUID is missing (plain http)", () => {
    Object.defineProperty(crypto, "randomUUID", { value: undefined, configurable: true });
    try {
      const key = newIdempotencyKey();
      expect(key).toMatch(UUID);
      expect(newIdempotencyKey()).not.toBe(key);
    } finally {
      delete (crypto as { randomUUID?: unknown }).randomUUID;
    }
    expect(typeof crypto.randomUUID).toBe("function");
  });
});
