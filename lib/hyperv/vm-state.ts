// Hyper-V's rules for the VM power actions (Start-VM, Stop-VM, Suspend-VM, Resume-VM, Save-VM).
import type { VmAction, VmState } from "@/lib/schemas/vm";
import { CHANNEL, type Channel } from "./vocabulary";

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

/**
 * The event a power action leaves in the host's log. Start, turn off and shut down are
 * Hyper-V-Worker-Admin's 18500, 18502 and 18504 with their texts (docs/hyperv.md, "Event log").
 * For pause, resume and save no source gives the id, so the lab writes its own entry there: no
 * event id, on the lab's channel.
 */
export function powerEvent(
  vmName: string,
  action: VmAction,
): { channel: Channel; eventId: number; message: string } {
  const worker = (eventId: number, message: string) => ({ channel: CHANNEL.worker, eventId, message });
  const lab = (message: string) => ({ channel: CHANNEL.lab, eventId: 0, message });
  switch (action) {
    case "start":
      return worker(18500, `'${vmName}' started successfully.`);
    case "turnoff":
      return worker(18502, `'${vmName}' was turned off.`);
    case "shutdown":
      return worker(18504, `'${vmName}' was shut down using the Shutdown Integration Component.`);
    case "pause":
      return lab(`'${vmName}' was paused.`);
    case "resume":
      return lab(`'${vmName}' was resumed.`);
    case "save":
      return lab(`'${vmName}' was saved.`);
  }
}
