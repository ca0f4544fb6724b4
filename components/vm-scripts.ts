// "View PowerShell scripts" of the Virtual machines tool: the cmdlets of its actions for the chosen
// VMs (or with parameters when none is chosen). Pure: lib/hyperv/powershell.ts writes each script.
import type { NamedScript } from "@/components/powershell-scripts";
import {
  processorCompatibilityPowerShell,
  type VmScriptSettings,
  type VmScriptTarget,
  vmActionPowerShell,
  vmSettingsPowerShell,
} from "@/lib/hyperv/powershell";
import { ACTION_LABELS } from "@/lib/hyperv/vm-state";
import { VM_ACTIONS } from "@/lib/schemas/values";

export function vmToolScripts(
  vms: readonly VmScriptTarget[],
  settings: VmScriptSettings | null,
): NamedScript[] {
  const one = vms.length === 1 ? (vms[0] ?? null) : null;
  const { processors, memory } = vmSettingsPowerShell(one, one ? settings : null);
  return [
    ...VM_ACTIONS.map((action) => ({ name: ACTION_LABELS[action], script: vmActionPowerShell(action, vms) })),
    {
      name: "Processor compatibility: migrate to a different processor version",
      script: processorCompatibilityPowerShell(vms, true),
    },
    { name: "Processor compatibility: off", script: processorCompatibilityPowerShell(vms, false) },
    ...(vms.length <= 1
      ? [
          { name: "Number of virtual processors", script: processors },
          { name: "Startup memory", script: memory },
        ]
      : []),
  ];
}

/** The line above the scripts: which VMs they are for. */
export function vmScriptsNote(vms: readonly VmScriptTarget[]): string {
  return vms.length === 0
    ? "No virtual machine is selected: each script takes the names and the host as parameters."
    : `For ${vms.map((v) => `${v.name} on ${v.host}`).join(", ")}.`;
}
