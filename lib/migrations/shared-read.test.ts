import { describe, expect, it } from "vitest";
import { SharedReads } from "./shared-read";

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("SharedReads", () => {
  it("gives every caller that asks before the read starts the one read", async () => {
    let reads = 0;
    const shared = new SharedReads(async (id: number) => ({ id, read: ++reads }));
    const answers = await Promise.all([shared.get(1), shared.get(1), shared.get(1), shared.get(2)]);
    expect(answers.map((a) => a.read).sort()).toEqual([1, 1, 1, 2]);
    expect(answers[0]).toBe(answers[1]);
    expect(reads).toBe(2);
    expect(shared.waiting).toBe(0);
  });

  it("never hands a caller a read that started before it asked", async () => {
    const started: string[] = [];
    let finish: (() => void) | undefined;
    const shared = new SharedReads(async (id: number) => {
      started.push(`read ${id}`);
      if (started.length === 1) await new Promise<void>((resolve) => (finish = resolve));
      return started.length;
    });
    const first = shared.get(7);
    await turn(); // the first read has started and is still running
    expect(started).toEqual(["read 7"]);
    const second = shared.get(7);
    await turn();
    expect(started).toEqual(["read 7", "read 7"]);
    finish?.();
    expect(await first).toBe(2);
    expect(await second).toBe(2);
    expect(first).not.toBe(second);
  });

  it("shares a failure with the callers of that read only", async () => {
    let fail = true;
    const shared = new SharedReads(async (id: number) => {
      if (fail) throw new Error(`no ${id}`);
      return id;
    });
    const failed = [shared.get(3), shared.get(3)];
    for (const f of failed) await expect(f).rejects.toThrow("no 3");
    fail = false;
    await expect(shared.get(3)).resolves.toBe(3);
  });
});
