import { describe, expect, it } from "vitest";
import { loggedFrom, logOptions, parseEventId } from "./events-filter";

describe("the Events filter", () => {
  it("Logged: back from the lab's now, to the minute; Any time has no start", () => {
    const now = Date.parse("2026-11-30T09:00:42Z");
    expect(loggedFrom("any", now)).toBeUndefined();
    expect(loggedFrom("hour", now)).toBe("2026-11-30T08:00:00.000Z");
    expect(loggedFrom("7d", now)).toBe("2026-11-23T09:00:00.000Z");
  });

  it("offers the Hyper-V and cluster logs first, then the host's others once", () => {
    const options = logOptions(["System", "Microsoft-Windows-Hyper-V-VMMS-Admin", "Directory Service"]);
    expect(options.map((o) => o.label)).toEqual([
      "Hyper-V-VMMS-Admin",
      "Hyper-V-Worker-Admin",
      "Hyper-V-High-Availability-Admin",
      "FailoverClustering/Operational",
      "Live Migration Lab",
      "System",
      "Directory Service",
    ]);
    expect(options[3]?.channel).toBe("Microsoft-Windows-FailoverClustering/Operational");
  });

  it("an event ID is empty or a number from 0 to 65535", () => {
    expect(parseEventId(" ")).toEqual({ ok: true, value: undefined });
    expect(parseEventId("21502")).toEqual({ ok: true, value: 21502 });
    expect(parseEventId("65536")).toEqual({ ok: false, error: "Enter an event ID from 0 to 65535." });
    expect(parseEventId("2150x").ok).toBe(false);
    expect(parseEventId("-1").ok).toBe(false);
  });
});
