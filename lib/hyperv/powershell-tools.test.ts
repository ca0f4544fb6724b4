// The PowerShell of the tools' actions (lib/hyperv/powershell.ts): host settings, delegation, VM power
// and settings, each with its quoting.
import { describe, expect, it } from "vitest";
import { DEFAULT_HOST_SETTINGS, type HostMigrationSettings } from "./host-settings";
import {
  delegationPowerShell,
  delegationReadPowerShell,
  hostSettingsFullPowerShell,
  hostSettingsPowerShell,
  hostSettingsReadPowerShell,
  processorCompatibilityPowerShell,
  psBool,
  psMiB,
  psSubnet,
  purgeTicketsPowerShell,
  vmActionPowerShell,
  vmSettingsPowerShell,
} from "./powershell";

const hv4: HostMigrationSettings = { ...DEFAULT_HOST_SETTINGS, maxLiveMigrations: 1 };

describe("quoting of subnets and switches", () => {
  it("leaves an IPv4 address or CIDR bare and quotes anything else", () => {
    expect(psSubnet("192.168.10.0/24")).toBe("192.168.10.0/24");
    expect(psSubnet("192.168.10.1")).toBe("192.168.10.1");
    expect(psSubnet("2001:db8::/64")).toBe("'2001:db8::/64'");
    expect(psSubnet("10.0.0.0/24; Remove-Item C:\\")).toBe("'10.0.0.0/24; Remove-Item C:\\'");
    expect(psSubnet("it's")).toBe("'it''s'");
    expect(psBool(true)).toBe("$true");
    expect(psBool(false)).toBe("$false");
  });
});

describe("hostSettingsPowerShell", () => {
  it("nothing changed: no script", () => {
    expect(hostSettingsPowerShell("HV4", hv4, { ...hv4 })).toBe("");
  });

  it("enables or disables live migrations", () => {
    expect(hostSettingsPowerShell("HV4", hv4, { ...hv4, enabled: true })).toBe(
      "Enable-VMMigration -ComputerName HV4",
    );
    expect(hostSettingsPowerShell("HV4", { ...hv4, enabled: true }, hv4)).toBe(
      "Disable-VMMigration -ComputerName HV4",
    );
  });

  it("one Set-VMHost with every changed value, in Set-VMHost's words", () => {
    const after: HostMigrationSettings = {
      ...hv4,
      maxLiveMigrations: 4,
      authentication: "Kerberos",
      performanceOption: "SMB",
      maxStorageMigrations: 3,
      useAnyNetwork: false,
    };
    expect(hostSettingsPowerShell("HV4", hv4, after)).toBe(
      "Set-VMHost -MaximumVirtualMachineMigrations 4 -VirtualMachineMigrationAuthenticationType Kerberos -VirtualMachineMigrationPerformanceOption SMB -MaximumStorageMigrations 3 -UseAnyNetworkForMigration $false -ComputerName HV4",
    );
    expect(hostSettingsPowerShell("HV4", hv4, { ...hv4, performanceOption: "TCPIP" })).toBe(
      "Set-VMHost -VirtualMachineMigrationPerformanceOption TCPIP -ComputerName HV4",
    );
  });

  it("the incoming networks: remove, new priority, add", () => {
    const before = {
      ...hv4,
      useAnyNetwork: false,
      networks: [
        { subnet: "192.168.10.0/24", priority: 8 },
        { subnet: "10.0.0.0/24", priority: 9 },
      ],
    };
    const after = {
      ...before,
      networks: [
        { subnet: "192.168.10.0/24", priority: 2 },
        { subnet: "172.16.0.0/16", priority: 8 },
      ],
    };
    expect(hostSettingsPowerShell("HV3", before, after).split("\n")).toEqual([
      "Remove-VMMigrationNetwork 10.0.0.0/24 -ComputerName HV3",
      "Set-VMMigrationNetwork 192.168.10.0/24 -NewPriority 2 -ComputerName HV3",
      "Add-VMMigrationNetwork 172.16.0.0/16 -Priority 8 -ComputerName HV3",
    ]);
  });

  it("the lab's pass cap is a comment, not a cmdlet, and comes last", () => {
    const script = hostSettingsPowerShell("HV4", hv4, { ...hv4, enabled: true, maxPasses: 5 });
    expect(script.split("\n")).toEqual([
      "Enable-VMMigration -ComputerName HV4",
      "# Lab only, no Hyper-V setting: pre-copy pass cap 10 -> 5",
    ]);
  });

  it("quotes a host name that is not a plain word", () => {
    expect(hostSettingsPowerShell("HV 4'x", hv4, { ...hv4, enabled: true })).toBe(
      "Enable-VMMigration -ComputerName 'HV 4''x'",
    );
  });
});

describe("the tool's other scripts", () => {
  it("re-applies every setting, reads them back, and purges the host's tickets", () => {
    const s = {
      ...hv4,
      enabled: true,
      useAnyNetwork: false,
      networks: [
        { subnet: "10.0.0.0/24", priority: 9 },
        { subnet: "192.168.10.0/24", priority: 8 },
      ],
    };
    expect(hostSettingsFullPowerShell("HV4", s).split("\n")).toEqual([
      "Enable-VMMigration -ComputerName HV4",
      "Set-VMHost -MaximumVirtualMachineMigrations 1 -VirtualMachineMigrationAuthenticationType CredSSP -VirtualMachineMigrationPerformanceOption Compression -MaximumStorageMigrations 2 -UseAnyNetworkForMigration $false -ComputerName HV4",
      "Get-VMMigrationNetwork -ComputerName HV4 | ForEach-Object { Remove-VMMigrationNetwork $_.Subnet -ComputerName HV4 }",
      "Add-VMMigrationNetwork 192.168.10.0/24 -Priority 8 -ComputerName HV4",
      "Add-VMMigrationNetwork 10.0.0.0/24 -Priority 9 -ComputerName HV4",
    ]);
    expect(hostSettingsReadPowerShell("HV4")).toContain("Get-VMMigrationNetwork -ComputerName HV4");
    expect(purgeTicketsPowerShell("HV3")).toBe(
      "Invoke-Command -ComputerName HV3 -ScriptBlock { klist purge -li 0x3e7 }",
    );
  });
});

describe("delegationPowerShell (Active Directory)", () => {
  const hosts = new Map([
    [1, { name: "HV1", fqdn: "hv1.contoso.com" }],
    [2, { name: "HV2", fqdn: "hv2.contoso.com" }],
  ]);
  const none = { mode: "none" as const, anyProtocol: false, services: [] };
  const toHv2 = {
    mode: "specified" as const,
    anyProtocol: true,
    services: [
      { service: "Microsoft Virtual System Migration Service", toHostId: 2 },
      { service: "cifs", toHostId: 2 },
    ],
  };

  it("trusts for the specified services with protocol transition, and adds both SPNs of each service", () => {
    expect(delegationPowerShell("HV1", hosts, none, toHv2).split("\n")).toEqual([
      "Get-ADComputer -Identity HV1 | Set-ADAccountControl -TrustedToAuthForDelegation $true",
      "Set-ADComputer -Identity HV1 -Add @{'msDS-AllowedToDelegateTo'='Microsoft Virtual System Migration Service/hv2.contoso.com','Microsoft Virtual System Migration Service/HV2','cifs/hv2.contoso.com','cifs/HV2'}",
    ]);
  });

  it("Kerberos only clears protocol transition; removing a service removes its SPNs", () => {
    const kerberosOnly = { ...toHv2, anyProtocol: false, services: toHv2.services.slice(0, 1) };
    expect(delegationPowerShell("HV1", hosts, toHv2, kerberosOnly).split("\n")).toEqual([
      "Get-ADComputer -Identity HV1 | Set-ADAccountControl -TrustedToAuthForDelegation $false",
      "Set-ADComputer -Identity HV1 -Remove @{'msDS-AllowedToDelegateTo'='cifs/hv2.contoso.com','cifs/HV2'}",
    ]);
  });

  it("do not trust: the flags off and every SPN removed; any service: TrustedForDelegation", () => {
    expect(delegationPowerShell("HV1", hosts, toHv2, none).split("\n")).toEqual([
      "Get-ADComputer -Identity HV1 | Set-ADAccountControl -TrustedToAuthForDelegation $false",
      "Set-ADComputer -Identity HV1 -Remove @{'msDS-AllowedToDelegateTo'='Microsoft Virtual System Migration Service/hv2.contoso.com','Microsoft Virtual System Migration Service/HV2','cifs/hv2.contoso.com','cifs/HV2'}",
    ]);
    expect(
      delegationPowerShell("HV1", hosts, none, { mode: "any-service", anyProtocol: false, services: [] }),
    ).toBe("Get-ADComputer -Identity HV1 | Set-ADAccountControl -TrustedForDelegation $true");
    expect(delegationPowerShell("HV1", hosts, toHv2, { ...toHv2 })).toBe("");
  });

  it("quotes a service or account name that would break the hashtable", () => {
    const odd = {
      mode: "specified" as const,
      anyProtocol: false,
      services: [{ service: "it's", toHostId: 1 }],
    };
    expect(delegationPowerShell("HV 1", hosts, { ...odd, services: [] }, odd)).toBe(
      "Set-ADComputer -Identity 'HV 1' -Add @{'msDS-AllowedToDelegateTo'='it''s/hv1.contoso.com','it''s/HV1'}",
    );
    expect(delegationReadPowerShell("HV1")).toBe(
      "Get-ADComputer -Identity HV1 -Properties TrustedForDelegation, TrustedToAuthForDelegation, msDS-AllowedToDelegateTo | Select-Object Name, TrustedForDelegation, TrustedToAuthForDelegation, msDS-AllowedToDelegateTo",
    );
  });
});

describe("the Virtual machines tool", () => {
  const web = [
    { name: "WEB01", host: "HV1" },
    { name: "WEB02", host: "HV2" },
    { name: "Bob's VM", host: "HV1" },
  ];

  it("power actions: one line per host, the names as a list", () => {
    expect(vmActionPowerShell("start", web).split("\n")).toEqual([
      "Start-VM -Name WEB01, 'Bob''s VM' -ComputerName HV1",
      "Start-VM -Name WEB02 -ComputerName HV2",
    ]);
    expect(vmActionPowerShell("turnoff", web.slice(0, 1))).toBe(
      "Stop-VM -Name WEB01 -TurnOff -ComputerName HV1",
    );
    expect(vmActionPowerShell("shutdown", web.slice(0, 1))).toBe("Stop-VM -Name WEB01 -ComputerName HV1");
    expect(vmActionPowerShell("pause", web.slice(0, 1))).toBe("Suspend-VM -Name WEB01 -ComputerName HV1");
    expect(vmActionPowerShell("resume", web.slice(0, 1))).toBe("Resume-VM -Name WEB01 -ComputerName HV1");
    expect(vmActionPowerShell("save", web.slice(0, 1))).toBe("Save-VM -Name WEB01 -ComputerName HV1");
  });

  it("without a VM chosen: a script with parameters", () => {
    expect(vmActionPowerShell("save", []).split("\n")).toEqual([
      "param([Parameter(Mandatory)][string[]]$Name, [string]$ComputerName = 'localhost')",
      "Save-VM -Name $Name -ComputerName $ComputerName",
    ]);
    expect(vmSettingsPowerShell(null, null).processors.split("\n")).toEqual([
      "param([Parameter(Mandatory)][string[]]$Name, [string]$ComputerName = 'localhost', [Parameter(Mandatory)][int]$Count)",
      "Set-VMProcessor -VMName $Name -Count $Count -ComputerName $ComputerName",
    ]);
  });

  it("processor compatibility, processors and memory", () => {
    expect(processorCompatibilityPowerShell(web.slice(0, 1), true)).toBe(
      "Set-VMProcessor -VMName WEB01 -CompatibilityForMigrationEnabled $true -ComputerName HV1",
    );
    expect(processorCompatibilityPowerShell(web.slice(0, 1), false)).toContain(
      "-CompatibilityForMigrationEnabled $false",
    );
    const known = vmSettingsPowerShell(web[0] ?? null, { vcpus: 4, memoryMiB: 8192, dynamicMemory: false });
    expect(known).toEqual({
      processors: "Set-VMProcessor -VMName WEB01 -Count 4 -ComputerName HV1",
      memory: "Set-VMMemory -VMName WEB01 -DynamicMemoryEnabled $false -StartupBytes 8GB -ComputerName HV1",
    });
    // The inventory does not know the processor count: the value is a parameter, the VM is named.
    expect(vmSettingsPowerShell(web[0] ?? null, null).processors.split("\n")).toEqual([
      "param([Parameter(Mandatory)][int]$Count)",
      "Set-VMProcessor -VMName WEB01 -Count $Count -ComputerName HV1",
    ]);
    expect(psMiB(1536)).toBe("1536MB");
    expect(psMiB(65536)).toBe("64GB");
  });
});
