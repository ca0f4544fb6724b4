// Host memory accounting, as Hyper-V counts it for starting and receiving VMs.

import type { VmState } from "@/lib/schemas/vm";
import { holdsMemory } from "./vm-state";

export interface HostMemoryInput {
  memoryMiB: number;
  hostReservedMiB: number;
}
export interface GuestMemoryInput {
  state: VmState;
  memoryMiB: number;
}

export interface HostMemory {
  totalMiB: number;
  hostReservedMiB: number;
  guestMiB: number;
  usedMiB: number;
  availableMiB: number;
}

export function hostMemory(host: HostMemoryInput, vms: readonly GuestMemoryInput[]): HostMemory {
  const guestMiB = vms.reduce((sum, vm) => sum + (holdsMemory(vm.state) ? vm.memoryMiB : 0), 0);
  const usedMiB = Math.min(host.memoryMiB, host.hostReservedMiB + guestMiB);
  return {
    totalMiB: host.memoryMiB,
    hostReservedMiB: host.hostReservedMiB,
    guestMiB,
    usedMiB,
    availableMiB: Math.max(0, host.memoryMiB - host.hostReservedMiB - guestMiB),
  };
}
