// Hyper-V's failure texts, in one place: the preflight report, the event log (21501/21502) and the
// migration page's outcome all take them from here. Each is quoted exactly as Hyper-V writes it,
// with its source, in docs/hyperv.md ("Compatibility report and error texts"); VM1, HV2 and
// Production stand for the names filled in.
import type { StartedFrom } from "@/lib/schemas/migration";

/** Intel <-> AMD. */
export const HARDWARE_TEXT =
  "The virtual machine cannot be moved to the destination computer. The hardware on the destination computer is not compatible with the hardware requirements of this virtual machine.";

/** An older processor generation, processor compatibility off. */
export const processorFeaturesText = (vm: string, host: string) =>
  `Virtual machine '${vm}' is using processor-specific features not supported on host '${host}'.`;

/** CredSSP, 0x8009030E: no credentials to pass on, the move was not started on the source host. */
export const credSspNoCredentialsText = (host: string) =>
  `Virtual machine migration operation failed at migration Source. Failed to establish a connection with host ${host}: No credentials are available in the security package (0x8009030E).`;

/** The Virtual Machine Management Service's sentence that follows an authentication failure. */
export const VMMS_NO_SUITABLE_CREDENTIALS =
  "The Virtual Machine Management Service failed to authenticate the connection for a Virtual Machine migration at the source host: no suitable credentials available.";

/** CredSSP, 0x8009030D: the credentials handed over were not recognized; the service says what to do. */
export const credSspNotRecognizedText = (host: string) =>
  `Failed to establish a connection with host "${host}": The credentials supplied to the package were not recognized (0x8009030D). ` +
  `${VMMS_NO_SUITABLE_CREDENTIALS} Make sure the operation is initiated on the source host of the migration, or the source host is configured to use Kerberos for the authentication of migration connections and Constrained Delegation is enabled for the host in Active Directory.`;

/**
 * Which CredSSP text a start away from the source host meets. No source says which tool gets which
 * (lab choice, docs/hyperv.md): Hyper-V Manager, or a console on another host, has no credentials to
 * delegate (0x8009030E); the gateway and PowerShell remoting hand over credentials the source's
 * VMMS does not accept for the second hop (0x8009030D).
 */
export function credSspText(startedFrom: StartedFrom, host: string): string {
  return startedFrom === "admin-center" || startedFrom === "powershell"
    ? credSspNotRecognizedText(host)
    : credSspNoCredentialsText(host);
}

/** The HRESULT a CredSSP failure carries, for the hint and the tests. */
export const credSspHresult = (startedFrom: StartedFrom): "0x8009030D" | "0x8009030E" =>
  startedFrom === "admin-center" || startedFrom === "powershell" ? "0x8009030D" : "0x8009030E";

/**
 * Kerberos with the constrained delegation missing, or set to "Use Kerberos only" (Windows Server
 * 2016 and later, whose remoting goes through WinRM): Hyper-V's two sentences for that case.
 */
export const kerberosDelegationText = (host: string) =>
  `Failed to establish a connection with host "${host}": No credentials are available in the security package (0x8009030E). ${VMMS_NO_SUITABLE_CREDENTIALS}`;

/** Compare-VM's line for a switch the destination lacks (MessageId 33012). */
export const missingSwitchText = (switchName: string) => `Could not find Ethernet switch '${switchName}'.`;
/** Compare-VM's MessageId for a missing switch: the only MessageId a source gives. */
export const MISSING_SWITCH_MESSAGE_ID = 33012;

/** The same missing switch as event 21502 words it, at the start of a move. */
export const switchMissingEventText = (vm: string, host: string) =>
  `Live migration of '${vm}' failed. VM failed to live migrate because a virtual switch used by the VM doesn't exist on the destination node "${host}".`;

/** The destination has no memory at all for the partition. */
export const CREATE_PARTITION_TEXT =
  "Failed to create partition: Insufficient system resources exist to complete the requested service. (0x800705AA)";

/** The destination (or the host starting the VM) has less free memory than the VM needs. */
export const outOfMemoryText = (vm: string) =>
  `'${vm}' could not initialize memory: Ran out of memory (0x8007000E).`;

/** Event 21501: over the simultaneous-migration limit (a direct Move-VM or Hyper-V Manager start). */
export const limitReachedText = (vm: string, limit: number) =>
  `Failed to perform migration on virtual machine "${vm}" because virtual machine migration limit "${limit}" was reached, please wait for completion of an ongoing migration operation.`;

/** A node that is not a possible owner, or not Up (0x80071398). */
export const NOT_POSSIBLE_OWNER_TEXT = "The action 'Move' didn't complete.";

// Winsock's own words for WSAECONNREFUSED / WSAETIMEDOUT, as Hyper-V quotes them.
export const connectionRefusedText = (host: string) =>
  `Failed to establish a connection with host "${host}": No connection could be made because the target machine actively refused it. (0x8007274D)`;
export const connectionTimedOutText = (host: string) =>
  `Failed to establish a connection with host "${host}": A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond. (0x8007274C)`;
