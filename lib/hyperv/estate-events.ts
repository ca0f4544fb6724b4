// The event log lines the estate-building forms write, each on the channel an operator would look
// in. Windows' own ids where the lab knows them; id 0 marks the lab's own words for something
// Windows does without a documented event (docs/hyperv.md, "Event log").
import { CHANNEL } from "./vocabulary";

export const ESTATE_CHANNEL = {
  failoverClustering: "Microsoft-Windows-FailoverClustering/Operational",
  iscsiTarget: "Microsoft-Windows-iSCSITarget-Service/Admin",
  /** The Microsoft iSCSI initiator (iScsiPrt) writes to the System log. */
  iscsiInitiator: "System",
  vmms: CHANNEL.vmms,
} as const;

export interface EstateEvent {
  channel: string;
  eventId: number;
  level: "Information" | "Warning" | "Error";
  message: string;
}

const info = (channel: string, eventId: number, message: string): EstateEvent => ({
  channel,
  eventId,
  level: "Information",
  message,
});

/** A clustered role (a group: Cluster Group, Available Storage, a VM) came online. */
export const roleOnline = (role: string) =>
  info(
    ESTATE_CHANNEL.failoverClustering,
    1201,
    `The Cluster service successfully brought the clustered role '${role}' online.`,
  );

export const clusterCreated = (cluster: string, nodes: string[], address: string) =>
  info(
    ESTATE_CHANNEL.failoverClustering,
    0,
    `Cluster '${cluster}' was created with node(s) ${nodes.join(", ")} and the static address ${address}.`,
  );

export const quorumSet = (cluster: string, witness: string | null): EstateEvent =>
  witness
    ? info(ESTATE_CHANNEL.failoverClustering, 0, `The quorum of cluster '${cluster}' now uses ${witness}.`)
    : {
        channel: ESTATE_CHANNEL.failoverClustering,
        eventId: 0,
        level: "Warning",
        message: `Cluster '${cluster}' has no quorum witness.`,
      };

export const csvAdded = (disk: string, path: string) =>
  info(
    ESTATE_CHANNEL.failoverClustering,
    0,
    `Cluster disk '${disk}' was added to Cluster Shared Volumes as ${path}.`,
  );

export const csvRemoved = (disk: string, path: string) =>
  info(
    ESTATE_CHANNEL.failoverClustering,
    0,
    `Cluster disk '${disk}' (${path}) was removed from Cluster Shared Volumes and is Available Storage again.`,
  );

export const virtualDiskCreated = (path: string, sizeGiB: number, type: string) =>
  info(
    ESTATE_CHANNEL.iscsiTarget,
    0,
    `iSCSI virtual disk ${path} (${sizeGiB} GB, ${type.toLowerCase()}) was created.`,
  );

export const virtualDiskRemoved = (path: string) =>
  info(ESTATE_CHANNEL.iscsiTarget, 0, `iSCSI virtual disk ${path} was removed.`);

export const targetCreated = (target: string, iqn: string, initiators: string[]) =>
  info(
    ESTATE_CHANNEL.iscsiTarget,
    0,
    `iSCSI target '${target}' (${iqn}) was created; initiators allowed: ${initiators.join(", ")}.`,
  );

export const targetRemoved = (target: string) =>
  info(ESTATE_CHANNEL.iscsiTarget, 0, `iSCSI target '${target}' was removed.`);

export const mappingAdded = (target: string, path: string) =>
  info(ESTATE_CHANNEL.iscsiTarget, 0, `iSCSI virtual disk ${path} was mapped to target '${target}'.`);

export const initiatorsChanged = (target: string, initiators: string[]) =>
  info(
    ESTATE_CHANNEL.iscsiTarget,
    0,
    `The initiators allowed on target '${target}' are now: ${initiators.join(", ")}.`,
  );

export const targetConnected = (target: string, portal: string) =>
  info(
    ESTATE_CHANNEL.iscsiInitiator,
    0,
    `The initiator logged on to target ${target} through portal ${portal}:3260.`,
  );

export const targetDisconnected = (target: string) =>
  info(ESTATE_CHANNEL.iscsiInitiator, 0, `The initiator logged off target ${target}.`);

export const diskOnline = (path: string, formatted: boolean) =>
  info(
    ESTATE_CHANNEL.iscsiInitiator,
    0,
    formatted
      ? `The iSCSI disk ${path} was brought online.`
      : `The iSCSI disk ${path} was brought online, initialized (GPT) and formatted NTFS.`,
  );

/** Hyper-V-VMMS 13002 (the id is not verified against a Microsoft source). */
export const vmCreated = (vm: string) =>
  info(ESTATE_CHANNEL.vmms, 13002, `A new virtual machine '${vm}' was created.`);
