import { describe, expect, it } from "vitest";
import {
  credSspHresult,
  credSspNoCredentialsText,
  credSspNotRecognizedText,
  credSspText,
  kerberosDelegationText,
  limitReachedText,
  outOfMemoryText,
} from "./failure-texts";

// The exact words are Hyper-V's (docs/hyperv.md); these tests pin them, so a stray edit fails.

describe("Hyper-V's authentication texts", () => {
  it("CredSSP 0x8009030E: no credentials available, failed at the migration source", () => {
    expect(credSspNoCredentialsText("HV2")).toBe(
      "Virtual machine migration operation failed at migration Source. Failed to establish a connection with host HV2: No credentials are available in the security package (0x8009030E).",
    );
  });

  it("CredSSP 0x8009030D: credentials not recognized, then the service's advice", () => {
    expect(credSspNotRecognizedText("HV2")).toBe(
      'Failed to establish a connection with host "HV2": The credentials supplied to the package were not recognized (0x8009030D). The Virtual Machine Management Service failed to authenticate the connection for a Virtual Machine migration at the source host: no suitable credentials available. Make sure the operation is initiated on the source host of the migration, or the source host is configured to use Kerberos for the authentication of migration connections and Constrained Delegation is enabled for the host in Active Directory.',
    );
  });

  it("picks 0x8009030D for the gateway and PowerShell remoting, 0x8009030E for the others", () => {
    expect(credSspText("admin-center", "HV2")).toBe(credSspNotRecognizedText("HV2"));
    expect(credSspText("powershell", "HV2")).toBe(credSspNotRecognizedText("HV2"));
    expect(credSspText("hyper-v-manager", "HV2")).toBe(credSspNoCredentialsText("HV2"));
    expect(credSspText("source-session", "HV2")).toBe(credSspNoCredentialsText("HV2"));
    for (const from of ["admin-center", "powershell", "hyper-v-manager", "source-session"] as const) {
      expect(credSspText(from, "HV2")).toContain(`(${credSspHresult(from)})`);
    }
  });

  it("Kerberos without the delegation (or Kerberos only): 0x8009030E and no suitable credentials, no CredSSP advice", () => {
    const text = kerberosDelegationText("HV2");
    expect(text).toBe(
      'Failed to establish a connection with host "HV2": No credentials are available in the security package (0x8009030E). The Virtual Machine Management Service failed to authenticate the connection for a Virtual Machine migration at the source host: no suitable credentials available.',
    );
    expect(text).not.toContain("0x8009030D");
    expect(text).not.toContain("Make sure the operation is initiated on the source host");
  });
});

describe("Hyper-V's other failure texts", () => {
  it("0x8007000E and the 21501 limit", () => {
    expect(outOfMemoryText("VM1")).toBe("'VM1' could not initialize memory: Ran out of memory (0x8007000E).");
    expect(limitReachedText("VM1", 2)).toBe(
      'Failed to perform migration on virtual machine "VM1" because virtual machine migration limit "2" was reached, please wait for completion of an ongoing migration operation.',
    );
  });
});
