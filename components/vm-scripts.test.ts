import { describe, expect, it } from "vitest";
import { vmScriptsNote, vmToolScripts } from "./vm-scripts";

describe("the Virtual machines tool's scripts", () => {
  it("one per action, then the settings; for one VM its known values", () => {
    const scripts = vmToolScripts([{ name: "WEB01", host: "HV1" }], {
      vcpus: 4,
      memoryMiB: 8192,
      dynamicMemory: true,
    });
    expect(scripts.map((s) => s.name)).toEqual([
      "Start",
      "Shut down",
      "Turn off",
      "Pause",
      "Resume",
      "Save",
      "Processor compatibility: migrate to a different processor version",
      "Processor compatibility: off",
      "Number of virtual processors",
      "Startup memory",
    ]);
    expect(scripts.find((s) => s.name === "Turn off")?.script).toBe(
      "Stop-VM -Name WEB01 -TurnOff -ComputerName HV1",
    );
    expect(scripts.at(-1)?.script).toBe(
      "Set-VMMemory -VMName WEB01 -DynamicMemoryEnabled $true -StartupBytes 8GB -ComputerName HV1",
    );
  });

  it("several VMs share the power and compatibility scripts; per-VM values are left out", () => {
    const vms = [
      { name: "WEB01", host: "HV1" },
      { name: "WEB02", host: "HV2" },
    ];
    const scripts = vmToolScripts(vms, null);
    expect(scripts).toHaveLength(8);
    expect(scripts[0]?.script).toBe(
      "Start-VM -Name WEB01 -ComputerName HV1\nStart-VM -Name WEB02 -ComputerName HV2",
    );
    expect(vmScriptsNote(vms)).toBe("For WEB01 on HV1, WEB02 on HV2.");
    expect(vmScriptsNote([])).toMatch(/^No virtual machine is selected/);
  });
});
