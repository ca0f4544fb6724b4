import { describe, expect, it } from "vitest";
import { drain, simulate } from "./index";
import { GBE_1, GBE_10, GiB, MiB } from "./testkit";
import type { MigrationInput, Transport } from "./types";

/**
 * The published figures of docs/hyperv.md, reproduced within 15 % with the default policy (no overrides).
 * 10 x 512 MB in 40 s on 1 GbE is above line rate, so those moves must send fewer bytes than
 * memory: they run with Compression (a lightly used 512 MB VM is mostly zero pages: ratio 2.5).
 */
const WITHIN = 0.15;

function expectNear(actualMs: number, publishedS: number): void {
  expect(Math.abs(actualMs / 1000 / publishedS - 1)).toBeLessThanOrEqual(WITHIN);
}

const small = (bytesPerSecond: number, linkId?: string): MigrationInput => ({
  memoryBytes: 512 * MiB,
  pageBytes: 4096,
  dirty: { model: "hotset", hotSetBytes: 32 * MiB, writesPerSecond: 2000, coldBytesPerSecond: MiB },
  link: { bytesPerSecond, ...(linkId ? { id: linkId } : {}) },
  transport: "compression",
  compression: { ratio: 2.5 },
});

/** TechEd demo: a 6 GiB VM under a memory-write load (1.2 GB/s), two 10 GbE RDMA NICs. */
const demo = (transport: Transport): MigrationInput => ({
  memoryBytes: 6 * GiB,
  pageBytes: 4096,
  dirty: { model: "linear", bytesPerSecond: 1.2e9 },
  link: { bytesPerSecond: 2 * GBE_10, nics: 2, rdma: true },
  transport,
});

describe("calibration against the published figures", () => {
  it("one 512 MB VM: 7 s on 1 GbE, 5 s on 10 GbE (Windows Server 2012)", () => {
    expectNear(simulate(small(GBE_1)).summary.totalMs, 7);
    expectNear(simulate(small(GBE_10)).summary.totalMs, 5);
  });

  it("10 VMs on 1 GbE in 40 s, 20 VMs in 80 s, two at a time", () => {
    for (const [n, seconds] of [
      [10, 40],
      [20, 80],
    ] as const) {
      const run = drain(
        Array.from({ length: n }, () => small(GBE_1, "lm")),
        2,
        { progress: false },
      );
      expect(run.summaries.every((s) => s.outcome === "succeeded")).toBe(true);
      expectNear(run.endMs, seconds);
    }
  });

  it("TechEd: TCP/IP over 60 s, Compression about 15 s, SMB Direct under 10 s", () => {
    const tcp = simulate(demo("tcpip")).summary;
    const compression = simulate(demo("compression")).summary;
    const smb = simulate(demo("smb")).summary;
    expect(tcp.totalMs).toBeGreaterThan(60_000);
    expectNear(tcp.totalMs, 60);
    expectNear(compression.totalMs, 15);
    expect(smb.totalMs).toBeLessThan(10_000);
    // SMB Direct: near-zero CPU next to Compression.
    expect(smb.cpuCoreSeconds).toBeLessThan(compression.cpuCoreSeconds / 20);
  });

  it("a converged move blacks out for about 0.5 s, as real 20415 events report (0.5 to 0.6 s)", () => {
    for (const input of [small(GBE_1), small(GBE_10), demo("compression"), demo("smb")]) {
      const { downtimeMs } = simulate(input).summary;
      expect(downtimeMs).toBeGreaterThan(0.5 * 1000 * (1 - WITHIN));
      expect(downtimeMs).toBeLessThan(0.6 * 1000 * (1 + WITHIN));
    }
  });

  it("Compression roughly halves the time on a constrained (1 GbE) link, not on a fast one", () => {
    const on = (bps: number, transport: Transport) =>
      simulate({ ...demo(transport), link: { bytesPerSecond: bps } }).summary.totalMs;
    expect(on(GBE_1, "compression")).toBeLessThan(on(GBE_1, "tcpip") * 0.55);
    expect(on(4 * GBE_10, "smb")).toBeLessThan(on(4 * GBE_10, "compression"));
  });
});
