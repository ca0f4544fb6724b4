import { describe, expect, it } from "vitest";
import {
  addClusterDiskScript,
  addCsvScript,
  addMappingScript,
  bringDiskOnlineScript,
  connectTargetScript,
  dataDiskOfflineScript,
  disconnectTargetScript,
  discoverPortalScript,
  newClusterScript,
  newIscsiTargetScript,
  newIscsiVirtualDiskScript,
  newVmScript,
  psBytes,
  removeClusterDiskScript,
  removeCsvScript,
  removeTargetScript,
  removeVirtualDiskScript,
  setTargetInitiatorsScript,
} from "./estate-powershell";

describe("sizes", () => {
  it("are written in the largest whole unit", () => {
    expect(psBytes(4096)).toBe("4GB");
    expect(psBytes(3584)).toBe("3584MB");
    expect(psBytes(2 * 1024 * 1024)).toBe("2TB");
  });
});

describe("New-Cluster", () => {
  const base = { name: "CLUSTER1", nodes: ["HV1", "HV2"], staticAddress: "10.0.0.20", noStorage: true };
  it("validates, creates and sets the quorum (the issue's example line)", () => {
    expect(newClusterScript({ ...base, witness: { type: "none" } })).toBe(
      [
        "Test-Cluster -Node HV1,HV2",
        "New-Cluster -Name CLUSTER1 -Node HV1,HV2 -StaticAddress 10.0.0.20 -NoStorage",
        "Set-ClusterQuorum -Cluster CLUSTER1 -NoWitness",
      ].join("\n"),
    );
  });
  it("names the witness, quoting the share and the disk", () => {
    expect(
      newClusterScript({ ...base, witness: { type: "fileShare", path: "\\\\DC1\\O'Brien Witness" } }).split(
        "\n",
      )[2],
    ).toBe("Set-ClusterQuorum -Cluster CLUSTER1 -FileShareWitness '\\\\DC1\\O''Brien Witness'");
    expect(
      newClusterScript({
        ...base,
        noStorage: false,
        witness: { type: "disk", virtualDiskId: 2 },
        witnessDiskName: "Cluster Disk 1",
      })
        .split("\n")
        .slice(1),
    ).toEqual([
      "New-Cluster -Name CLUSTER1 -Node HV1,HV2 -StaticAddress 10.0.0.20",
      "Set-ClusterQuorum -Cluster CLUSTER1 -DiskWitness 'Cluster Disk 1'",
    ]);
  });
});

describe("iSCSI Target Server", () => {
  it("creates a fixed or a dynamic virtual disk", () => {
    expect(
      newIscsiVirtualDiskScript({
        server: "SRV3",
        path: "E:\\iSCSIVirtualDisks\\CSV1.vhdx",
        sizeGiB: 500,
        type: "Fixed",
      }),
    ).toBe(
      "New-IscsiVirtualDisk -Path 'E:\\iSCSIVirtualDisks\\CSV1.vhdx' -SizeBytes 500GB -UseFixed -ComputerName SRV3",
    );
    expect(
      newIscsiVirtualDiskScript({ server: "SRV3", path: "E:\\it's.vhdx", sizeGiB: 1, type: "Dynamic" }),
    ).toBe("New-IscsiVirtualDisk -Path 'E:\\it''s.vhdx' -SizeBytes 1GB -ComputerName SRV3");
  });
  it("creates a target with its initiators, then maps the disks", () => {
    expect(
      newIscsiTargetScript({
        server: "SRV3",
        name: "cluster1-csv",
        initiators: [
          "iqn.1991-05.com.microsoft:hv1.contoso.com",
          "iqn.1991-05.com.microsoft:hv2.contoso.com",
        ],
        virtualDiskPaths: ["E:\\iSCSIVirtualDisks\\CSV1.vhdx"],
      }),
    ).toBe(
      [
        "New-IscsiServerTarget -TargetName cluster1-csv -InitiatorIds 'IQN:iqn.1991-05.com.microsoft:hv1.contoso.com','IQN:iqn.1991-05.com.microsoft:hv2.contoso.com' -ComputerName SRV3",
        "Add-IscsiVirtualDiskTargetMapping -TargetName cluster1-csv -Path 'E:\\iSCSIVirtualDisks\\CSV1.vhdx' -ComputerName SRV3",
      ].join("\n"),
    );
    expect(addMappingScript({ server: "SRV3", target: "t 1", path: "E:\\a.vhdx" })).toBe(
      "Add-IscsiVirtualDiskTargetMapping -TargetName 't 1' -Path 'E:\\a.vhdx' -ComputerName SRV3",
    );
    expect(setTargetInitiatorsScript({ server: "SRV3", target: "t", initiators: ["iqn.x"] })).toBe(
      "Set-IscsiServerTarget -TargetName t -InitiatorIds 'IQN:iqn.x' -ComputerName SRV3",
    );
  });
  it("removes disks and targets, and takes a data disk offline", () => {
    expect(removeVirtualDiskScript({ server: "SRV3", path: "E:\\a.vhdx" })).toBe(
      "Remove-IscsiVirtualDisk -Path 'E:\\a.vhdx' -ComputerName SRV3",
    );
    expect(removeTargetScript({ server: "SRV3", target: "cluster1-csv" })).toBe(
      "Remove-IscsiServerTarget -TargetName cluster1-csv -ComputerName SRV3",
    );
    expect(dataDiskOfflineScript({ server: "SRV3", number: 2, offline: true })).toBe(
      "Set-Disk -Number 2 -IsOffline $true -CimSession SRV3",
    );
    expect(dataDiskOfflineScript({ server: "SRV3", number: 2, offline: false })).toMatch(
      /-IsOffline \$false/,
    );
  });
});

describe("the initiator", () => {
  const iqn = "iqn.1991-05.com.microsoft:srv3-cluster1-csv-target";
  it("discovers, connects persistently and disconnects", () => {
    expect(discoverPortalScript({ node: "HV1", address: "192.168.20.13" })).toBe(
      "New-IscsiTargetPortal -TargetPortalAddress 192.168.20.13 -CimSession HV1",
    );
    expect(connectTargetScript({ node: "HV1", targetIqn: iqn, portal: "192.168.20.13" })).toBe(
      `Connect-IscsiTarget -NodeAddress ${iqn} -TargetPortalAddress 192.168.20.13 -IsPersistent $true -CimSession HV1`,
    );
    expect(disconnectTargetScript({ node: "HV1", targetIqn: iqn })).toBe(
      `Disconnect-IscsiTarget -NodeAddress ${iqn} -Confirm:$false -CimSession HV1`,
    );
  });
  it("brings the disk online, and formats it the first time only", () => {
    const first = bringDiskOnlineScript({ node: "HV1", targetIqn: iqn, label: "CSV1", format: true }).split(
      "\n",
    );
    expect(first).toHaveLength(4);
    expect(first[3]).toBe(
      "$disk | New-Partition -UseMaximumSize | Format-Volume -FileSystem NTFS -NewFileSystemLabel 'CSV1'",
    );
    expect(
      bringDiskOnlineScript({ node: "HV2", targetIqn: iqn, label: "CSV1", format: false }).split("\n"),
    ).toEqual([
      `$disk = Get-IscsiSession -CimSession HV2 | Where-Object TargetNodeAddress -eq '${iqn}' | Get-Disk`,
      "$disk | Set-Disk -IsOffline $false",
    ]);
  });
});

describe("the cluster's storage", () => {
  it("adds disks, makes and unmakes a CSV", () => {
    expect(addClusterDiskScript({ cluster: "CLUSTER1" })).toBe(
      "Get-ClusterAvailableDisk -Cluster CLUSTER1 | Add-ClusterDisk",
    );
    expect(addCsvScript({ cluster: "CLUSTER1", disk: "Cluster Disk 1" })).toBe(
      "Add-ClusterSharedVolume -Name 'Cluster Disk 1' -Cluster CLUSTER1",
    );
    expect(removeCsvScript({ cluster: "CLUSTER1", disk: "Cluster Disk 1" })).toBe(
      "Remove-ClusterSharedVolume -Name 'Cluster Disk 1' -Cluster CLUSTER1",
    );
    expect(removeClusterDiskScript({ cluster: "CLUSTER1", disk: "Cluster Disk 2" })).toBe(
      "Remove-ClusterResource -Name 'Cluster Disk 2' -Cluster CLUSTER1 -Force",
    );
  });
});

describe("New-VM", () => {
  const plan = {
    name: "WEB03",
    host: "HV1",
    generation: 2 as const,
    memoryMiB: 4096,
    dynamicMemory: null,
    vcpus: 1,
    switchName: "Production",
    folder: "C:\\ClusterStorage\\Volume1",
    vhdPath: "C:\\ClusterStorage\\Volume1\\WEB03\\Virtual Hard Disks\\WEB03.vhdx",
    vhdSizeGiB: 127,
    cluster: null,
  };
  it("creates the VM with its new disk on the host", () => {
    expect(newVmScript(plan)).toBe(
      "New-VM -Name WEB03 -Generation 2 -MemoryStartupBytes 4GB -Path 'C:\\ClusterStorage\\Volume1' -NewVHDPath 'C:\\ClusterStorage\\Volume1\\WEB03\\Virtual Hard Disks\\WEB03.vhdx' -NewVHDSizeBytes 127GB -SwitchName Production -ComputerName HV1",
    );
  });
  it("adds Dynamic Memory, processors and the cluster role, quoting odd names", () => {
    const lines = newVmScript({
      ...plan,
      name: "Bob's VM",
      dynamicMemory: { minimumMiB: 512, maximumMiB: 8192 },
      vcpus: 4,
      switchName: "Prod LAN",
      cluster: "CLUSTER1",
    }).split("\n");
    expect(lines[0]).toMatch(/^New-VM -Name 'Bob''s VM' .* -SwitchName 'Prod LAN' -ComputerName HV1$/);
    expect(lines.slice(1)).toEqual([
      "Set-VMMemory -VMName 'Bob''s VM' -DynamicMemoryEnabled $true -MinimumBytes 512MB -StartupBytes 4GB -MaximumBytes 8GB -ComputerName HV1",
      "Set-VMProcessor -VMName 'Bob''s VM' -Count 4 -ComputerName HV1",
      "Add-ClusterVirtualMachineRole -VMName 'Bob''s VM' -Cluster CLUSTER1",
    ]);
  });
});
