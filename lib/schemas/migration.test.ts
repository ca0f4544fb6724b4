import { describe, expect, it } from "vitest";
import { MigrationFaultInput, StartMigrationInput } from "./migration";

const base = { vmId: 1, kind: "shared-nothing", destinationHostId: 2, startedFrom: "admin-center" } as const;
const path = (storagePath: string) => StartMigrationInput.safeParse({ ...base, storagePath });

describe("StartMigrationInput", () => {
  it("takes local Windows paths and refuses others", () => {
    for (const ok of ["D:\\Hyper-V\\WEB01", "C:\\ClusterStorage\\Volume1\\WEB02\\", "E:\\VMs"]) {
      expect(path(ok).success, ok).toBe(true);
    }
    for (const bad of ["\\\\SRV3\\VMs", "D:/Hyper-V", "D:\\a\\\\b", "D:\\Hyper-V\\WEB01?", "Hyper-V"]) {
      expect(path(bad).success, bad).toBe(false);
    }
  });

  it("rejects a long path with a bad character at once (no catastrophic backtracking)", () => {
    const started = performance.now();
    expect(path(`D:\\Hyper-V\\${"SQL-Production-Node01\\".repeat(10)}disk?`).success).toBe(false);
    expect(path("D:\\Hyper-V\\SQL-Production-Node01\\disk<").success).toBe(false);
    // The vulnerable pattern took over 40 s on the second path; a linear one takes microseconds.
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("keeps the speed between 0.01x and 1000x", () => {
    expect(StartMigrationInput.safeParse({ ...base, speed: 0.01 }).success).toBe(true);
    expect(StartMigrationInput.safeParse({ ...base, speed: 1e-300 }).success).toBe(false);
    expect(StartMigrationInput.safeParse({ ...base, speed: 1001 }).success).toBe(false);
  });

  it("names unknown fields", () => {
    const result = StartMigrationInput.safeParse({ ...base, colour: "red" });
    expect(result.success).toBe(false);
  });
});

describe("MigrationFaultInput", () => {
  it("defaults a slow link to 100 Mbit/s and refuses unknown kinds", () => {
    expect(MigrationFaultInput.parse({ kind: "slow-link" })).toEqual({ kind: "slow-link", mbps: 100 });
    expect(MigrationFaultInput.safeParse({ kind: "meteor" }).success).toBe(false);
  });
});
