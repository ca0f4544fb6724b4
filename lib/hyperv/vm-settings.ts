// Which VM settings Hyper-V lets you change in which state (Set-VM, Set-VMMemory, Set-VMProcessor).
import type { FieldIssue } from "@/lib/http/errors";
import type { UpdateVmInput, VmState } from "@/lib/schemas/vm";

export interface VmSettingsContext {
  state: VmState;
  memoryMiB: number;
  dynamicMemory: boolean;
  vcpus: number;
  processorCompatibility: boolean;
  highlyAvailable: boolean;
  adapterIds: number[];
  hostSwitches: string[];
  hostLogicalProcessors: number;
  /** Memory the host can still give, not counting this VM's own. */
  hostAvailableMiB: number;
}

/** The settings Hyper-V lets you change only when the VM is off. */
export const OFF_ONLY_SETTINGS = ["vcpus", "processorCompatibility", "dynamicMemory"] as const;
export type OffOnlySetting = (typeof OFF_ONLY_SETTINGS)[number];

/**
 * Why a setting cannot change in the VM's state, or null: the text the API answers and the form
 * shows beside the greyed field, as Hyper-V Manager greys it.
 */
export function lockedReason(setting: OffOnlySetting, state: VmState): string | null {
  if (state === "Off") return null;
  switch (setting) {
    case "vcpus":
      return `The number of virtual processors can be changed only when the VM is off; it is ${state}.`;
    case "processorCompatibility":
      return `"Migrate to a physical computer with a different processor version" can be changed only when the VM is off; it is ${state}.`;
    case "dynamicMemory":
      return `Dynamic Memory can be turned on or off only when the VM is off; it is ${state}.`;
  }
}

export function checkVmSettings(vm: VmSettingsContext, change: UpdateVmInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });

  if (change.vcpus !== undefined && change.vcpus !== vm.vcpus) {
    const locked = lockedReason("vcpus", vm.state);
    if (locked) add("vcpus", locked);
    if (change.vcpus > vm.hostLogicalProcessors) {
      add("vcpus", `The host has ${vm.hostLogicalProcessors} logical processors; a VM cannot have more.`);
    }
  }
  const compatibility = lockedReason("processorCompatibility", vm.state);
  if (
    change.processorCompatibility !== undefined &&
    change.processorCompatibility !== vm.processorCompatibility &&
    compatibility
  ) {
    add("processorCompatibility", compatibility);
  }
  const dynamic = lockedReason("dynamicMemory", vm.state);
  if (change.dynamicMemory !== undefined && change.dynamicMemory !== vm.dynamicMemory && dynamic) {
    add("dynamicMemory", dynamic);
  }
  if (change.memoryMiB !== undefined && change.memoryMiB !== vm.memoryMiB) {
    if (vm.state === "Saved" || vm.state === "Paused") {
      add("memoryMiB", `Memory cannot be changed while the VM is ${vm.state}.`);
    } else if (vm.state === "Running") {
      if (vm.dynamicMemory)
        add(
          "memoryMiB",
          "The startup memory of a VM with Dynamic Memory can be changed only when it is off.",
        );
      else if (change.memoryMiB - vm.memoryMiB > vm.hostAvailableMiB - vm.memoryMiB) {
        add(
          "memoryMiB",
          `The host has only ${vm.hostAvailableMiB - vm.memoryMiB} MB available to add to a running VM.`,
        );
      }
    }
  }
  if (change.clusterPriority !== undefined && !vm.highlyAvailable) {
    add("clusterPriority", "Only a highly available (clustered) VM has a cluster role priority.");
  }
  for (const [i, a] of (change.adapters ?? []).entries()) {
    if (!vm.adapterIds.includes(a.id))
      add(`adapters.${i}.id`, "This VM has no network adapter with that id.");
    if (a.switchName !== null && !vm.hostSwitches.includes(a.switchName)) {
      add(`adapters.${i}.switchName`, `Could not find Ethernet switch '${a.switchName}'.`);
    }
  }
  return issues;
}
