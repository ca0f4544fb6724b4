import { describe, expect, it } from "vitest";
import { CreateTargetInput, CreateVirtualDiskInput, InitiatorActionInput, Iqn } from "./iscsi";

describe("iSCSI inputs", () => {
  it("reads IQNs in lower case and refuses anything else", () => {
    expect(Iqn.parse(" IQN.1991-05.com.microsoft:HV1.contoso.com ")).toBe(
      "iqn.1991-05.com.microsoft:hv1.contoso.com",
    );
    for (const bad of ["hv1.contoso.com", "iqn.91-05.com.microsoft:hv1", "iqn.1991-05.com microsoft"]) {
      expect(Iqn.safeParse(bad).success, bad).toBe(false);
    }
  });
  it("takes a .vhdx path on a drive, dynamic by default as New-IscsiVirtualDisk", () => {
    expect(
      CreateVirtualDiskInput.parse({ dataDiskId: 1, path: "E:\\iSCSIVirtualDisks\\CSV1.vhdx", sizeGiB: 10 })
        .type,
    ).toBe("Dynamic");
    for (const path of ["E:\\CSV1.vhd", "CSV1.vhdx", "E:\\a|b\\CSV1.vhdx"]) {
      expect(CreateVirtualDiskInput.safeParse({ dataDiskId: 1, path, sizeGiB: 10 }).success, path).toBe(
        false,
      );
    }
  });
  it("needs a target to allow at least one initiator, each once", () => {
    const base = { hostId: 4, name: "cluster1-csv" };
    expect(CreateTargetInput.safeParse({ ...base, initiatorIqns: [] }).error?.issues[0]?.message).toMatch(
      /at least one/,
    );
    const twice = ["iqn.1991-05.com.microsoft:hv1.contoso.com", "IQN.1991-05.com.microsoft:hv1.contoso.com"];
    expect(CreateTargetInput.safeParse({ ...base, initiatorIqns: twice }).success).toBe(false);
    expect(CreateTargetInput.safeParse({ ...base, name: "-x", initiatorIqns: [twice[0]] }).success).toBe(
      false,
    );
  });
  it("knows the initiator's four actions", () => {
    expect(InitiatorActionInput.parse({ action: "discover", address: "192.168.20.13" })).toEqual({
      action: "discover",
      address: "192.168.20.13",
    });
    expect(InitiatorActionInput.safeParse({ action: "connect" }).success).toBe(false);
    expect(InitiatorActionInput.safeParse({ action: "format", virtualDiskId: 1 }).success).toBe(false);
  });
});
