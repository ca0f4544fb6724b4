import { describe, expect, it } from "vitest";
import { VM_ACTIONS, VM_STATES, type VmAction, type VmState } from "@/lib/schemas/vm";
import { ACTION_LABELS, allowedActions, holdsMemory, transition } from "./vm-state";

// Hyper-V's power rules, written out independently of the implementation's table.
const EXPECTED: Record<VmAction, Partial<Record<VmState, VmState>>> = {
  start: { Off: "Running", Saved: "Running" },
  shutdown: { Running: "Off" },
  turnoff: { Running: "Off", Paused: "Off" },
  pause: { Running: "Paused" },
  resume: { Paused: "Running" },
  save: { Running: "Saved", Paused: "Saved" },
};

const HYPERV_REFUSAL =
  "'SQL01' failed to change state. The operation cannot be performed while the object is in its current state.";

const cases = VM_ACTIONS.flatMap((action) => VM_STATES.map((state) => ({ action, state })));

describe("transition", () => {
  it("covers all 6 actions x 4 states", () => {
    expect(cases).toHaveLength(24);
  });

  it.each(cases)("$action from $state", ({ action, state }) => {
    const to = EXPECTED[action][state];
    const result = transition("SQL01", state, action);
    if (to) {
      expect(result).toEqual({ ok: true, to });
    } else {
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.message.startsWith(`${HYPERV_REFUSAL} `)).toBe(true);
      expect(result.message).toContain(`${ACTION_LABELS[action]} needs `);
      expect(result.message.endsWith(`'SQL01' is ${state}.`)).toBe(true);
    }
  });

  it("quotes the VM's own name in the refusal", () => {
    const result = transition("LEGACY-APP", "Off", "pause");
    expect(result).toEqual({
      ok: false,
      message:
        "'LEGACY-APP' failed to change state. The operation cannot be performed while the object is in its current state. " +
        "Pause needs a running VM; 'LEGACY-APP' is Off.",
    });
  });

  it("says what a refused start needs", () => {
    const result = transition("WEB01", "Running", "start");
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.message).toContain("Start needs a VM that is off or saved; 'WEB01' is Running.");
  });
});

describe("allowedActions", () => {
  it.each(VM_STATES)("lists exactly the actions %s accepts, in menu order", (state) => {
    const expected = VM_ACTIONS.filter((a) => EXPECTED[a][state] !== undefined);
    expect(allowedActions(state)).toEqual(expected);
  });

  it("offers Start and nothing else to an Off VM", () => {
    expect(allowedActions("Off")).toEqual(["start"]);
  });

  it("agrees with transition for every pair", () => {
    for (const { action, state } of cases) {
      expect(allowedActions(state).includes(action)).toBe(transition("X", state, action).ok);
    }
  });
});

describe("holdsMemory", () => {
  it.each([
    ["Running", true],
    ["Paused", true],
    ["Saved", false],
    ["Off", false],
  ] as const)("%s -> %s", (state, holds) => {
    expect(holdsMemory(state)).toBe(holds);
  });
});
