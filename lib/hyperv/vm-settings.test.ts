import { describe, expect, it } from "vitest";
import type { VmState } from "@/lib/schemas/vm";
import { checkVmSettings, lockedReason, type VmSettingsContext } from "./vm-settings";

function vm(over: Partial<VmSettingsContext> = {}): VmSettingsContext {
  return {
    state: "Off",
    memoryMiB: 8192,
    dynamicMemory: false,
    vcpus: 4,
    processorCompatibility: false,
    highlyAvailable: true,
    adapterIds: [7, 8],
    hostSwitches: ["Production", "Legacy"],
    hostLogicalProcessors: 64,
    hostAvailableMiB: 20_000,
    ...over,
  };
}
const paths = (issues: { path: string }[]) => issues.map((i) => i.path);
const NOT_OFF: VmState[] = ["Running", "Paused", "Saved"];

describe("checkVmSettings: anything goes while the VM is off", () => {
  it("accepts every kind of change on an Off VM", () => {
    expect(
      checkVmSettings(vm(), {
        name: "NEW",
        notes: "n",
        memoryMiB: 65536,
        dynamicMemory: true,
        vcpus: 16,
        processorCompatibility: true,
        clusterPriority: 3000,
        workload: "sql",
        adapters: [{ id: 7, switchName: "Legacy" }],
      }),
    ).toEqual([]);
  });

  it("Off memory is not limited by what the host has free (an off VM holds none)", () => {
    expect(checkVmSettings(vm({ hostAvailableMiB: 0 }), { memoryMiB: 1024 * 1024 })).toEqual([]);
  });

  it("name, notes and workload change in any state", () => {
    for (const state of NOT_OFF) {
      expect(checkVmSettings(vm({ state }), { name: "X", notes: "y", workload: "web" })).toEqual([]);
    }
  });
});

describe("checkVmSettings: state rules", () => {
  it.each(NOT_OFF)("vCPUs change only when off (%s refused)", (state) => {
    const issues = checkVmSettings(vm({ state }), { vcpus: 8 });
    expect(issues).toEqual([
      {
        path: "vcpus",
        message: `The number of virtual processors can be changed only when the VM is off; it is ${state}.`,
      },
    ]);
  });

  it.each(NOT_OFF)("processor compatibility changes only when off (%s refused)", (state) => {
    const issues = checkVmSettings(vm({ state }), { processorCompatibility: true });
    expect(paths(issues)).toEqual(["processorCompatibility"]);
    expect(issues[0]?.message).toContain("Migrate to a physical computer with a different processor version");
    expect(issues[0]?.message).toContain(`it is ${state}`);
  });

  it.each(NOT_OFF)("Dynamic Memory is switched only when off (%s refused)", (state) => {
    expect(paths(checkVmSettings(vm({ state }), { dynamicMemory: true }))).toEqual(["dynamicMemory"]);
  });

  it("sending the current value is not a change, whatever the state", () => {
    for (const state of NOT_OFF) {
      expect(
        checkVmSettings(vm({ state, processorCompatibility: true, dynamicMemory: false }), {
          vcpus: 4,
          processorCompatibility: true,
          dynamicMemory: false,
          memoryMiB: 8192,
        }),
      ).toEqual([]);
    }
  });

  it.each(["Saved", "Paused"] as const)("memory cannot change while %s", (state) => {
    expect(checkVmSettings(vm({ state }), { memoryMiB: 4096 })).toEqual([
      { path: "memoryMiB", message: `Memory cannot be changed while the VM is ${state}.` },
    ]);
  });
});

describe("checkVmSettings: memory of a running VM", () => {
  // hostAvailableMiB excludes this VM's own memory: 20,000 free if it were off, so 11,808 beyond its 8,192.
  const running = vm({ state: "Running", hostAvailableMiB: 20_000 });

  it("a static-memory VM may grow by what the host has left", () => {
    expect(checkVmSettings(running, { memoryMiB: 20_000 })).toEqual([]);
  });

  it("refuses growth beyond it, saying how much is left", () => {
    expect(checkVmSettings(running, { memoryMiB: 20_002 })).toEqual([
      { path: "memoryMiB", message: "The host has only 11808 MB available to add to a running VM." },
    ]);
  });

  it("may shrink", () => {
    expect(checkVmSettings(vm({ state: "Running", hostAvailableMiB: 8192 }), { memoryMiB: 4096 })).toEqual(
      [],
    );
  });

  it("a Dynamic Memory VM's startup memory changes only when off", () => {
    const issues = checkVmSettings(vm({ state: "Running", dynamicMemory: true }), { memoryMiB: 4096 });
    expect(paths(issues)).toEqual(["memoryMiB"]);
    expect(issues[0]?.message).toContain("Dynamic Memory");
  });
});

describe("checkVmSettings: hardware limits and references", () => {
  it("no more vCPUs than the host has logical processors", () => {
    expect(checkVmSettings(vm({ hostLogicalProcessors: 8 }), { vcpus: 8 })).toEqual([]);
    expect(checkVmSettings(vm({ hostLogicalProcessors: 8 }), { vcpus: 9 })).toEqual([
      { path: "vcpus", message: "The host has 8 logical processors; a VM cannot have more." },
    ]);
  });

  it("reports both vCPU problems of a running VM", () => {
    const issues = checkVmSettings(vm({ state: "Running", hostLogicalProcessors: 8 }), { vcpus: 16 });
    expect(paths(issues)).toEqual(["vcpus", "vcpus"]);
  });

  it("only a highly available VM has a cluster role priority", () => {
    expect(checkVmSettings(vm({ highlyAvailable: false }), { clusterPriority: 2000 })).toEqual([
      {
        path: "clusterPriority",
        message: "Only a highly available (clustered) VM has a cluster role priority.",
      },
    ]);
    expect(checkVmSettings(vm({ state: "Running" }), { clusterPriority: 0 })).toEqual([]);
  });

  it("adapters must be this VM's, and their switch must exist on the host (Compare-VM wording)", () => {
    const issues = checkVmSettings(vm(), {
      adapters: [
        { id: 7, switchName: "Production" },
        { id: 99, switchName: "Production" },
        { id: 8, switchName: "Storage" },
        { id: 8, switchName: null },
      ],
    });
    expect(issues).toEqual([
      { path: "adapters.1.id", message: "This VM has no network adapter with that id." },
      { path: "adapters.2.switchName", message: "Could not find Ethernet switch 'Storage'." },
    ]);
  });

  it("switch names match exactly", () => {
    expect(paths(checkVmSettings(vm(), { adapters: [{ id: 7, switchName: "production" }] }))).toEqual([
      "adapters.0.switchName",
    ]);
  });

  it("collects every problem at once", () => {
    const issues = checkVmSettings(vm({ state: "Saved", highlyAvailable: false }), {
      vcpus: 2,
      processorCompatibility: true,
      dynamicMemory: true,
      memoryMiB: 2048,
      clusterPriority: 1000,
    });
    expect(paths(issues)).toEqual([
      "vcpus",
      "processorCompatibility",
      "dynamicMemory",
      "memoryMiB",
      "clusterPriority",
    ]);
  });
});

describe("lockedReason", () => {
  it("greys the off-only settings in every state but Off, with the refusal's own words", () => {
    expect(lockedReason("vcpus", "Off")).toBeNull();
    expect(lockedReason("vcpus", "Running")).toBe(
      "The number of virtual processors can be changed only when the VM is off; it is Running.",
    );
    expect(lockedReason("dynamicMemory", "Saved")).toMatch(/only when the VM is off; it is Saved\.$/);
    expect(lockedReason("processorCompatibility", "Paused")).toMatch(/^"Migrate to a physical computer/);
  });
});
