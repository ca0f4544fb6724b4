// Hyper-V's rules for the VM power actions (Start-VM, Stop-VM, Suspend-VM, Resume-VM, Save-VM).
import type { VmAction, VmState } from "@/lib/schemas/vm";

export const ACTION_LABELS: Record<VmAction, string> = {
  start: "Start",
  shutdown: "Shut down",
  turnoff: "Turn off",
  pause: "Pause",
  resume: "Resume",
  save: "Save",
};

/** Which states each action accepts, and the state it leads to. */
const TRANSITIONS: Record<VmAction, { from: readonly VmState[]; to: VmState; needs: string }> = {
  start: { from: ["Off", "Saved"], to: "Running", needs: "a VM that is off or saved" },
  shutdown: { from: ["Running"], to: "Off", needs: "a running VM whose guest can be asked to shut down" },
  turnoff: { from: ["Running", "Paused"], to: "Off", needs: "a running or paused VM" },
  pause: { from: ["Running"], to: "Paused", needs: "a running VM" },
  resume: { from: ["Paused"], to: "Running", needs: "a paused VM" },
  save: { from: ["Running", "Paused"], to: "Saved", needs: "a running or paused VM" },
};

export type TransitionResult = { ok: true; to: VmState } | { ok: false; message: string };

export function allowedActions(state: VmState): VmAction[] {
  return (Object.keys(TRANSITIONS) as VmAction[]).filter((a) => TRANSITIONS[a].from.includes(state));
}

/** The exact words Hyper-V uses, then what the operator needs to know. */
export function transition(vmName: string, state: VmState, action: VmAction): TransitionResult {
  const rule = TRANSITIONS[action];
  if (rule.from.includes(state)) return { ok: true, to: rule.to };
  return {
    ok: false,
    message:
      `'${vmName}' failed to change state. The operation cannot be performed while the object is in its current state. ` +
      `${ACTION_LABELS[action]} needs ${rule.needs}; '${vmName}' is ${state}.`,
  };
}

/** Whether a VM in this state holds memory on its host (a saved VM's memory is on disk). */
export function holdsMemory(state: VmState): boolean {
  return state === "Running" || state === "Paused";
}
