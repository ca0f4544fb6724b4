import { describe, expect, it } from "vitest";
import type { Prediction } from "@/lib/engine/types";
import { faultEffectText, reasonText } from "./reasons";

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

describe("reasonText", () => {
  it("says how a converged move ended, after one pass or several", () => {
    const base = {
      kind: "converged",
      dirtyBytes: 32 * MiB,
      thresholdBytes: 38.4 * MiB,
      downtimeMs: 420,
    } as const;
    expect(reasonText({ ...base, passes: 1 })).toBe(
      "The first full copy left only 32 MB dirty, at or below the 38.4 MB threshold: the VM was paused for 0.42 s to send the rest.",
    );
    expect(reasonText({ ...base, passes: 4 })).toMatch(/^The dirty set shrank to 32 MB after 4 passes/);
  });

  it("names the cause when the pass cap stopped the move", () => {
    const cap = {
      kind: "pass-cap",
      maxPasses: 10,
      dirtyBytes: 4 * GiB,
      thresholdBytes: 38.4 * MiB,
      downtimeMs: 3900,
      hotSetBytes: GiB,
      dirtyBytesPerSecond: 1.9e9,
      linkBytesPerSecond: 1.1e9,
    } as const;
    expect(reasonText({ ...cap, cause: "dirty-rate-above-link" })).toBe(
      "The VM dirties memory at 1.77 GB/s, faster than the 1.02 GB/s link: the dirty set never shrank below the threshold; stopped at the 10-pass cap with 4 GB still dirty, and the VM was paused for 3.90 s to send the rest.",
    );
    expect(reasonText({ ...cap, cause: "hot-set" })).toMatch(
      /^The VM keeps rewriting a 1 GB hot set, larger than/,
    );
    expect(reasonText({ ...cap, cause: "dirty-rate-near-link" })).toMatch(/close to the 1.02 GB\/s link/);
  });

  it("says where a failed or cancelled move stopped and that the VM stayed on the source", () => {
    const failed = {
      kind: "failed",
      stage: "memory-transfer",
      atMs: 12_400,
      pass: 2,
      memoryBytes: 8 * GiB,
    } as const;
    expect(reasonText({ ...failed, code: "link-down" })).toBe(
      "The live-migration connection timed out at 12.4 s during pass 2 of the memory transfer (0x8007274C): the network went down and TCP's retransmissions got no answer. The temporary VM was removed from the destination and the VM keeps running on the source.",
    );
    expect(reasonText({ ...failed, code: "cancelled", stage: "setup", pass: 0 })).toMatch(
      /^Cancelled by the operator during setup\./,
    );
    expect(reasonText({ ...failed, code: "destination-out-of-memory", stage: "setup" })).toMatch(
      /could not reserve 8 GB for the VM/,
    );
  });

  it("says that a storage move's rollback deletes its copies: no VM was ever created elsewhere", () => {
    const text = reasonText({
      kind: "failed",
      code: "cancelled",
      stage: "storage-copy",
      atMs: 30_000,
      pass: 0,
      memoryBytes: 4 * GiB,
      memoryMoved: false,
    });
    expect(text).toBe(
      "Cancelled by the operator during the storage copy. The partial copies were deleted and the VM keeps running from its original files.",
    );
    expect(text).not.toMatch(/temporary VM|destination/);
  });

  it("describes a quick migration's saved-state move", () => {
    expect(reasonText({ kind: "quick", memoryBytes: 4 * GiB, downtimeMs: 41_000 })).toBe(
      "Quick migration, no pre-copy: the VM was saved, all 4 GB of its memory moved while it was paused for 41.0 s, then restored on the destination.",
    );
  });
});

describe("reasonText of a prediction", () => {
  it("speaks of what is expected, never in the past tense", () => {
    const converged = {
      kind: "converged",
      passes: 2,
      dirtyBytes: 5 * MiB,
      thresholdBytes: 38.4 * MiB,
      downtimeMs: 460,
    } as const;
    const cap = {
      kind: "pass-cap",
      maxPasses: 10,
      dirtyBytes: 6 * GiB,
      thresholdBytes: 38.4 * MiB,
      downtimeMs: 55_700,
      hotSetBytes: 6 * GiB,
      dirtyBytesPerSecond: 1.9e9,
      linkBytesPerSecond: 1.2e8,
    } as const;
    const texts = [
      reasonText(converged, { predicted: true }),
      reasonText({ ...converged, passes: 1 }, { predicted: true }),
      reasonText({ ...cap, cause: "hot-set" }, { predicted: true }),
      reasonText({ ...cap, cause: "dirty-rate-above-link" }, { predicted: true }),
      reasonText({ ...cap, cause: "dirty-rate-near-link" }, { predicted: true }),
      reasonText({ kind: "quick", memoryBytes: 4 * GiB, downtimeMs: 41_000 }, { predicted: true }),
      reasonText(
        { kind: "storage", bytes: 38 * GiB, durationMs: 81_800, mirroredBytes: 80 * MiB },
        { predicted: true },
      ),
    ];
    for (const text of texts)
      expect(text).not.toMatch(/\b(was|were|shrank|stopped|kept|switched|left only)\b/);
    expect(texts[0]).toBe(
      "The dirty set should shrink to 5 MB after 2 passes, at or below the 38.4 MB threshold: the VM will be paused for about 0.46 s to send the rest.",
    );
    expect(texts[6]).toBe(
      "Storage migration: 38 GB of virtual disk will be copied in about 81.8 s while the VM keeps running, and 80 MB of the guest's writes will be mirrored to both copies meanwhile; then the VM switches to the new files. It is never paused.",
    );
  });
});

describe("faultEffectText", () => {
  it("puts each effect in words, the throttled rate in bits as the link's speed is given", () => {
    const prediction: Prediction = {
      totalMs: 1,
      downtimeMs: 1,
      passes: 1,
      converged: true,
      stoppedAtCap: false,
      bytesSent: 1,
      wireBytes: 1,
      passList: [],
      reason: { kind: "quick", memoryBytes: 1, downtimeMs: 1 },
    };
    expect(faultEffectText({ kind: "link-slowed", bytesPerSecond: 12.5e6, prediction })).toBe(
      "The live-migration network slowed to 100 Mbps.",
    );
    expect(faultEffectText({ kind: "rolls-back", afterMs: 18_900 })).toBe(
      "The live-migration network is down: nothing gets through, and the migration rolls back when TCP gives up retransmitting, 18.9 s later (0x8007274C).",
    );
    expect(faultEffectText({ kind: "already-switched-over" })).toMatch(/^No effect/);
  });
});
