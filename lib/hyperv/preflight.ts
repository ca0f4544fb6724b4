// Compare-VM-style preflight checks of a planned move: pure rules, one function each, no Prisma.
// Texts are Hyper-V's own (failure-texts.ts, docs/hyperv.md) where one exists; `hint` says it in
// plain words. Only a missing switch has a MessageId a source gives (33012); the others carry 0.
import type { Incompatibility, MigrationKind, StartedFrom } from "@/lib/schemas/migration";
import { isWindowsServer2016OrLater } from "./delegation";
import {
  CREATE_PARTITION_TEXT,
  connectionRefusedText,
  connectionTimedOutText,
  credSspHresult,
  credSspText,
  HARDWARE_TEXT,
  kerberosDelegationText,
  MISSING_SWITCH_MESSAGE_ID,
  missingSwitchText,
  NOT_POSSIBLE_OWNER_TEXT,
  outOfMemoryText,
  processorFeaturesText,
} from "./failure-texts";
import { CIFS_SERVICE, kindPhrase, MIGRATION_SERVICE } from "./vocabulary";

export interface PreflightVm {
  name: string;
  state: string;
  /** Assigned memory; the startup memory when Dynamic Memory is on. */
  memoryMiB: number;
  dynamicMemory: boolean;
  memoryMaxMiB: number | null;
  processorCompatibility: boolean;
  highlyAvailable: boolean;
  /** Switches the VM's network adapters are connected to (distinct, unconnected adapters left out). */
  switches: string[];
  disks: { path: string; location: string }[];
}

export interface PreflightHost {
  id: number;
  name: string;
  /** Up | Paused | Down (a cluster node's state, or a server's reachability). */
  state: string;
  hyperV: boolean;
  /** The Active Directory domain the host is joined to; null for a workgroup server. */
  domain: string | null;
  clusterId: number | null;
  clusterName: string | null;
  cpuVendor: string;
  cpuFeatureLevel: string;
  /** 10.0.20348; Windows Server 2016 (14393) and later reach Hyper-V remotely through WinRM. */
  osBuild?: string;
  /** Hyper-V Settings > Live Migrations; null when the host has never been configured. */
  migration: { enabled: boolean; authentication: string; useAnyNetwork: boolean } | null;
  /** Addresses of the NICs meant for live migration (the management address when there are none). */
  liveMigrationAddresses: string[];
  /** Incoming live migrations: the listed subnets (CIDR), used unless useAnyNetwork. */
  migrationSubnets: string[];
  switches: string[];
}

/** What the Move pane knows before the move: the VM and its host, and where it goes, how, from where. */
export interface KindContext {
  kind: MigrationKind;
  vm: PreflightVm;
  source: PreflightHost;
  startedFrom: StartedFrom;
}

export interface PreflightContext extends KindContext {
  destination: PreflightHost;
  /** Kerberos constrained delegation on the source's computer account, to the destination: services. */
  delegatedServices: string[];
  /**
   * "Use any authentication protocol" on that delegation (protocol transition); false: "Use
   * Kerberos only". Left out: any protocol.
   */
  delegationAnyProtocol?: boolean;
  /** A delegation change of the source waits for replication and a new ticket (or a purge). */
  delegationPending?: boolean;
  signedInHostId?: number;
  /** VM switch name -> destination switch name. */
  switchMap: Record<string, string>;
  /** Where the VM's files go, for kinds that move storage (the default path already filled in). */
  storagePath: string | null;
  destinationFreeMemoryMiB: number;
}

type Rule<C> = (ctx: C) => Incompatibility[];

const error = (
  rule: string,
  source: string,
  message: string,
  hint: string,
  messageId = 0,
): Incompatibility => ({ level: "error", rule, source, message, messageId, hint });
const warning = (
  rule: string,
  source: string,
  message: string,
  hint: string,
  messageId = 0,
): Incompatibility => ({ level: "warning", rule, source, message, messageId, hint });

const isClusterKind = (kind: MigrationKind) => kind === "live" || kind === "quick";
/** Kinds that send the VM's memory and state to another host. */
const movesVm = (kind: MigrationKind) => kind !== "storage";
const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Shared-nothing moves the disks too, except those already on an SMB share both hosts reach. */
export function storageMoves(kind: MigrationKind, vm: Pick<PreflightVm, "disks">): boolean {
  if (kind === "storage") return true;
  return kind === "shared-nothing" && vm.disks.some((d) => d.location !== "SMB");
}

// ---- rules about the VM and the kind (no destination needed) -----------------------------------

/** Live and quick migration move a clustered role; shared-nothing moves a VM the cluster does not own. */
export const ruleKind: Rule<KindContext> = ({ kind, vm, source }) => {
  if (isClusterKind(kind) && (!vm.highlyAvailable || source.clusterId === null)) {
    return [
      error(
        "kind",
        vm.name,
        `Virtual machine '${vm.name}' is not a clustered role, so it cannot be moved by ${kindPhrase(kind)} between cluster nodes.`,
        `${kind === "quick" ? "Quick" : "Live"} migration to another node is for highly available VMs only; use a shared-nothing live migration instead.`,
      ),
    ];
  }
  if (kind === "shared-nothing" && vm.highlyAvailable) {
    // The cluster owns the VM's configuration: moving it out from under the cluster breaks the role.
    return [
      error(
        "kind",
        vm.name,
        `Virtual machine '${vm.name}' is a clustered role of ${source.clusterName ?? "its cluster"}; move it to another node with a live migration.`,
        "A highly available VM moves between the nodes of its cluster; remove it from the cluster first to move it elsewhere.",
      ),
    ];
  }
  return [];
};

/** Hyper-V Manager cannot live-migrate a clustered VM; Failover Cluster Manager only moves clustered roles. */
export const ruleStartedFrom: Rule<KindContext> = ({ kind, vm, startedFrom }) => {
  if (startedFrom === "hyper-v-manager" && isClusterKind(kind)) {
    return [
      error(
        "started-from",
        vm.name,
        `Hyper-V Manager cannot perform a ${kindPhrase(kind)} of the clustered virtual machine '${vm.name}'.`,
        "Clustered VMs are moved from Failover Cluster Manager, Windows Admin Center or PowerShell (Move-ClusterVirtualMachineRole).",
      ),
    ];
  }
  if (startedFrom === "failover-cluster-manager" && !vm.highlyAvailable) {
    return [
      error(
        "started-from",
        vm.name,
        `Failover Cluster Manager does not manage '${vm.name}': it is not a clustered role.`,
        "Move a VM that is not clustered from Hyper-V Manager, Windows Admin Center or PowerShell (Move-VM).",
      ),
    ];
  }
  return [];
};

/**
 * Live kinds need the VM running (a paused VM would have to be resumed first). Quick migration saves
 * the VM, so a saved or paused VM qualifies too. Storage moves work in any state.
 */
export const ruleVmState: Rule<KindContext> = ({ kind, vm }) => {
  if (kind === "storage") return [];
  const allowed = kind === "quick" ? ["Running", "Paused", "Saved"] : ["Running"];
  if (allowed.includes(vm.state)) return [];
  const what = kind === "quick" ? "running, paused or saved" : "running";
  return [
    error(
      "vm-state",
      vm.name,
      `Virtual machine '${vm.name}' is ${vm.state}: a ${kindPhrase(kind)} needs a ${what} virtual machine.`,
      vm.state === "Off"
        ? "An Off VM has no memory to move: start it first, or move only its storage."
        : `Resume or start '${vm.name}' first.`,
    ),
  ];
};

/** A cluster move hands the role to another node; the other node reaches the files only on CSV or SMB. */
export const ruleClusterStorage: Rule<KindContext> = ({ kind, vm }) => {
  if (!isClusterKind(kind)) return [];
  const local = vm.disks.filter((d) => d.location !== "CSV" && d.location !== "SMB");
  return local.map((d) =>
    error(
      "cluster-storage",
      d.path,
      `The virtual hard disk '${d.path}' of '${vm.name}' is not on a Cluster Shared Volume.`,
      "Other nodes cannot open a disk on this node's local drive: move the storage to a CSV first.",
    ),
  );
};

export const KIND_RULES: Rule<KindContext>[] = [ruleKind, ruleStartedFrom, ruleVmState, ruleClusterStorage];

/** Why `kind` cannot apply to this VM at all, before any destination is chosen. */
export function kindIncompatibilities(ctx: KindContext): Incompatibility[] {
  return KIND_RULES.flatMap((rule) => rule(ctx));
}

// ---- rules about the destination ---------------------------------------------------------------

/**
 * A storage move stays on the VM's own host; every other kind goes to another Hyper-V host that is
 * reachable. Moving to the current host is an error, as Move-VM refuses it.
 */
export const ruleDestination: Rule<PreflightContext> = ({ kind, vm, source, destination }) => {
  const same = destination.id === source.id;
  if (kind === "storage") {
    if (same) return [];
    return [
      error(
        "destination",
        destination.name,
        `A storage migration keeps '${vm.name}' on its host '${source.name}'; it cannot move it to '${destination.name}'.`,
        "Choose a shared-nothing live migration to move the VM and its storage to another server.",
      ),
    ];
  }
  if (same) {
    return [
      error(
        "destination",
        destination.name,
        `Virtual machine '${vm.name}' is already running on host '${destination.name}'.`,
        "Pick another host as the destination.",
      ),
    ];
  }
  if (!destination.hyperV) {
    return [
      error(
        "destination",
        destination.name,
        `Host '${destination.name}' does not have the Hyper-V role.`,
        "Only Hyper-V hosts can run virtual machines.",
      ),
    ];
  }
  if (destination.state === "Down") {
    return [
      error(
        "destination",
        destination.name,
        connectionTimedOutText(destination.name),
        `${destination.name} is down and does not answer.`,
      ),
    ];
  }
  return [];
};

/**
 * "Enable incoming and outgoing live migrations" on both hosts. Quick migration is the cluster's
 * save and restore, not a VMMS live migration, and a storage move is local: neither needs it.
 */
export const ruleMigrationEnabled: Rule<PreflightContext> = ({ kind, source, destination }) => {
  if (kind === "storage" || kind === "quick") return [];
  return [source, destination]
    .filter((h) => !h.migration?.enabled)
    .map((h) =>
      error(
        "migration-enabled",
        h.name,
        `Live migrations are not enabled on host '${h.name}'.`,
        `Turn on "Enable incoming and outgoing live migrations" in ${h.name}'s Hyper-V Settings (Enable-VMMigration -ComputerName ${h.name}).`,
      ),
    );
};

/** Live migration authenticates computer accounts in Active Directory: both hosts in one domain. */
export const ruleDomain: Rule<PreflightContext> = ({ kind, source, destination }) => {
  if (!movesVm(kind)) return [];
  const out: Incompatibility[] = [];
  for (const h of [source, destination]) {
    if (h.domain === null) {
      out.push(
        error(
          "domain",
          h.name,
          `Host '${h.name}' is not joined to a domain.`,
          "Live migration between hosts needs both hosts in the same Active Directory domain.",
        ),
      );
    }
  }
  if (out.length === 0 && source.domain !== destination.domain) {
    out.push(
      error(
        "domain",
        destination.name,
        `Host '${destination.name}' is in domain ${destination.domain}, not ${source.domain}.`,
        "Live migration between hosts needs both hosts in the same Active Directory domain.",
      ),
    );
  }
  return out;
};

/**
 * Only shared-nothing moves open a VMMS-to-VMMS connection from the operator's session. Cluster moves
 * are started by the Cluster service on the owner node itself (local to the source), so neither the
 * CredSSP nor the delegation rule applies to them, and a storage move never leaves the host.
 */
export const ruleAuthentication: Rule<PreflightContext> = (ctx) => {
  const { kind, vm, source, destination, startedFrom, signedInHostId } = ctx;
  if (kind !== "shared-nothing") return [];
  const protocol = source.migration?.authentication ?? "CredSSP";
  if (protocol === "CredSSP") {
    const onSource =
      startedFrom === "source-session" && (signedInHostId === undefined || signedInHostId === source.id);
    if (onSource) return [];
    return [
      error(
        "authentication",
        destination.name,
        credSspText(startedFrom, destination.name),
        `${source.name} uses CredSSP (${credSspHresult(startedFrom)}): start the move from a session signed in on ${source.name}, or switch ${source.name} to Kerberos with constrained delegation.`,
      ),
    ];
  }
  const needed = [MIGRATION_SERVICE, ...(storageMoves(kind, vm) ? [CIFS_SERVICE] : [])];
  const missing = needed.filter((s) => !ctx.delegatedServices.some((d) => sameName(d, s)));
  if (missing.length === 0) {
    // Started away from the source, a move reaches a Windows Server 2016 or later host through
    // WinRM, which cannot hand the user's Kerberos ticket on: only protocol transition works then.
    const onSource =
      startedFrom === "source-session" && (signedInHostId === undefined || signedInHostId === source.id);
    const winRm = isWindowsServer2016OrLater(source.osBuild ?? "10.0.14393");
    if (ctx.delegationAnyProtocol === false && !onSource && winRm) {
      return [
        error(
          "authentication",
          destination.name,
          kerberosDelegationText(destination.name),
          `${source.name}'s delegation is set to "Use Kerberos only": started away from ${source.name}, the move reaches it through WinRM (Windows Server 2016 and later), which cannot pass a Kerberos ticket on. Select "Use any authentication protocol" on ${source.name}'s Delegation tab.${pendingNote(ctx)}`,
        ),
      ];
    }
    return [];
  }
  return [
    error(
      "authentication",
      destination.name,
      kerberosDelegationText(destination.name),
      `${source.name}'s computer account may not delegate ${missing.map((s) => `"${s}"`).join(" and ")} to ${destination.name}: add it under Delegation in Active Directory, with "Use any authentication protocol" (Kerberos only is not enough).${pendingNote(ctx)}`,
    ),
  ];
};

function ipv4ToNumber(ip: string): number | null {
  const parts = ip.split(".");
  if (parts.length !== 4) return null;
  let value = 0;
  for (const p of parts) {
    const n = Number(p);
    if (!/^[0-9]{1,3}$/.test(p) || n > 255) return null;
    value = value * 256 + n;
  }
  return value;
}

/** Whether `ip` falls in `cidr` (192.168.10.14 in 192.168.10.0/24). */
export function inSubnet(ip: string, cidr: string): boolean {
  const [net = "", prefixText = ""] = cidr.split("/");
  const address = ipv4ToNumber(ip);
  const network = ipv4ToNumber(net);
  const prefix = Number(prefixText);
  if (address === null || network === null || !/^[0-9]{1,2}$/.test(prefixText) || prefix > 32) return false;
  const block = 2 ** (32 - prefix);
  return Math.floor(address / block) === Math.floor(network / block);
}

/** A pending delegation change is the likely cause: say how it takes effect. */
const pendingNote = ({ source, delegationPending }: PreflightContext) =>
  delegationPending
    ? ` A delegation change of ${source.name} is pending: it takes effect after replication and a new Kerberos ticket, or at once with "Purge Kerberos tickets" on ${source.name} (klist purge -li 0x3e7).`
    : "";

/** The destination's "Incoming live migrations" list refuses a source address it does not contain. */
export const ruleIncomingNetwork: Rule<PreflightContext> = ({ kind, source, destination }) => {
  // A quick migration goes through the cluster's shared storage, a storage move stays on the host.
  if (kind === "storage" || kind === "quick") return [];
  if (!destination.migration || destination.migration.useAnyNetwork) return [];
  const matches = source.liveMigrationAddresses.some((ip) =>
    destination.migrationSubnets.some((subnet) => inSubnet(ip, subnet)),
  );
  if (matches) return [];
  const from = source.liveMigrationAddresses.join(", ") || "no address";
  const list = destination.migrationSubnets.join(", ") || "no network";
  return [
    error(
      "incoming-network",
      destination.name,
      connectionRefusedText(destination.name),
      `${destination.name} accepts live migrations only on ${list}; ${source.name} would send from ${from}. Add the subnet to ${destination.name}'s incoming networks or tick "Use any available network".`,
    ),
  ];
};

/**
 * The destination must hold the VM's memory: the assigned memory, which is the startup memory for a
 * Dynamic Memory VM (Hyper-V needs at least that to create the partition). Room below the Dynamic
 * Memory maximum only warns, as the VM still starts and balloons within what is free.
 */
export const ruleMemory: Rule<PreflightContext> = ({ kind, vm, destination, destinationFreeMemoryMiB }) => {
  if (!movesVm(kind)) return [];
  const free = Math.max(0, destinationFreeMemoryMiB);
  const short = `${destination.name} has ${free} MB free for virtual machines; '${vm.name}' needs ${vm.memoryMiB} MB.`;
  if (free <= 0) {
    return [error("memory", destination.name, CREATE_PARTITION_TEXT, short)];
  }
  if (free < vm.memoryMiB) {
    return [
      error(
        "memory",
        destination.name,
        outOfMemoryText(vm.name),
        `${short} Free memory there or pick another host.`,
      ),
    ];
  }
  if (vm.dynamicMemory && vm.memoryMaxMiB !== null && free < vm.memoryMaxMiB) {
    return [
      warning(
        "memory",
        destination.name,
        `Virtual machine '${vm.name}' uses Dynamic Memory up to ${vm.memoryMaxMiB} MB; host '${destination.name}' has ${free} MB free.`,
        "The VM will start on the destination, but it cannot grow to its Dynamic Memory maximum there.",
      ),
    ];
  }
  return [];
};

/** A VM with state (running, paused, saved) carries CPU state that only the same vendor can resume. */
const hasCpuState = (vm: PreflightVm) => vm.state !== "Off";

/** Intel and AMD: never, not even with processor compatibility. */
export const ruleCpuVendor: Rule<PreflightContext> = ({ kind, vm, source, destination }) => {
  if (!movesVm(kind) || !hasCpuState(vm) || sameName(source.cpuVendor, destination.cpuVendor)) return [];
  return [
    error(
      "cpu-vendor",
      destination.name,
      HARDWARE_TEXT,
      `${source.name} has ${source.cpuVendor} processors and ${destination.name} has ${destination.cpuVendor}: a running VM never moves between Intel and AMD.`,
    ),
  ];
};

/** Processor generations, oldest first: each one has every feature of the ones before it. */
export const CPU_GENERATIONS: Record<string, readonly string[]> = {
  intel: [
    "Haswell",
    "Broadwell",
    "Skylake",
    "Cascade Lake",
    "Cooper Lake",
    "Ice Lake",
    "Sapphire Rapids",
    "Emerald Rapids",
    "Granite Rapids",
  ],
  amd: ["Zen", "Zen 2", "Zen 3", "Zen 4", "Zen 5"],
};

/** Whether a VM started on `from` finds all its processor features on `to` (same vendor). */
export function featuresAvailable(vendor: string, from: string, to: string): boolean {
  if (sameName(from, to)) return true;
  const order = (CPU_GENERATIONS[vendor.toLowerCase()] ?? []).map((g) => g.toLowerCase());
  const a = order.indexOf(from.toLowerCase());
  const b = order.indexOf(to.toLowerCase());
  return a >= 0 && b >= 0 && b >= a;
}

/**
 * Another processor generation of the same vendor: a newer one has every feature the VM uses, so
 * the VM moves up but never down (nor to an unknown generation) without processor compatibility.
 */
export const ruleCpuFeatures: Rule<PreflightContext> = ({ kind, vm, source, destination }) => {
  if (!movesVm(kind) || !hasCpuState(vm) || vm.processorCompatibility) return [];
  if (!sameName(source.cpuVendor, destination.cpuVendor)) return [];
  if (featuresAvailable(source.cpuVendor, source.cpuFeatureLevel, destination.cpuFeatureLevel)) return [];
  return [
    error(
      "cpu-features",
      destination.name,
      processorFeaturesText(vm.name, destination.name),
      `${source.name} is ${source.cpuFeatureLevel} and ${destination.name} is ${destination.cpuFeatureLevel}: turn on "Migrate to a physical computer with a different processor version" (the VM must be off to change it).`,
    ),
  ];
};

/** Every switch the VM uses must exist on the destination, under its own name or the mapped one. */
export const ruleSwitches: Rule<PreflightContext> = ({ kind, vm, destination, switchMap }) => {
  if (!movesVm(kind)) return [];
  return vm.switches.flatMap((name) => {
    const target = switchMap[name] ?? name;
    if (destination.switches.some((s) => sameName(s, target))) return [];
    const mapped = target !== name;
    return [
      error(
        "switch",
        target,
        missingSwitchText(target),
        mapped
          ? `'${name}' is mapped to '${target}', which ${destination.name} does not have either.`
          : `${destination.name} has no virtual switch named '${name}': map it to one of ${destination.name}'s switches.`,
        MISSING_SWITCH_MESSAGE_ID,
      ),
    ];
  });
};

/** A clustered role moves only to a node of its cluster that is Up (a possible owner). */
export const ruleClusterNode: Rule<PreflightContext> = ({ kind, source, destination }) => {
  if (!isClusterKind(kind) || source.clusterId === null) return [];
  const cluster = source.clusterName ?? "the cluster";
  if (destination.clusterId !== source.clusterId) {
    return [
      error(
        "cluster-node",
        destination.name,
        NOT_POSSIBLE_OWNER_TEXT,
        `${destination.name} is not a node of ${cluster}, so it cannot own the VM's role.`,
      ),
    ];
  }
  if (destination.state !== "Up") {
    return [
      error(
        "cluster-node",
        destination.name,
        NOT_POSSIBLE_OWNER_TEXT,
        `Node ${destination.name} is ${destination.state}; roles move only to nodes that are Up (Resume-ClusterNode ${destination.name}).`,
      ),
    ];
  }
  return [];
};

/** Storage-moving kinds need a destination folder, and a storage move needs a new one. */
export const ruleStoragePath: Rule<PreflightContext> = ({ kind, vm, storagePath }) => {
  if (!storageMoves(kind, vm)) return [];
  if (!storagePath) {
    return [
      error(
        "storage-path",
        vm.name,
        `No destination storage path was given for the files of '${vm.name}'.`,
        "Enter the folder on the destination where the VM's files go, such as D:\\Hyper-V\\WEB01.",
      ),
    ];
  }
  const folder = storagePath.replace(/\\+$/, "").toLowerCase();
  const already =
    vm.disks.length > 0 && vm.disks.every((d) => d.path.toLowerCase().startsWith(`${folder}\\`));
  if (kind === "storage" && already) {
    return [
      error(
        "storage-path",
        storagePath,
        `The files of '${vm.name}' are already in '${storagePath}'.`,
        "Choose another folder or volume for the storage migration.",
      ),
    ];
  }
  if (kind === "storage" && vm.highlyAvailable && !folder.startsWith("c:\\clusterstorage\\")) {
    return [
      warning(
        "storage-path",
        storagePath,
        `'${storagePath}' is not on a Cluster Shared Volume.`,
        "A clustered VM whose files leave the CSV can no longer fail over to another node.",
      ),
    ];
  }
  return [];
};

/** In the order a destination's first reason is shown: what can never work before what settings fix. */
export const DESTINATION_RULES: Rule<PreflightContext>[] = [
  ruleClusterNode,
  ruleDomain,
  ruleMigrationEnabled,
  ruleCpuVendor,
  ruleCpuFeatures,
  ruleAuthentication,
  ruleIncomingNetwork,
  ruleMemory,
  ruleSwitches,
  ruleStoragePath,
];

/** Every incompatibility of the move, Compare-VM style: errors block it, warnings do not. */
export function preflight(ctx: PreflightContext): Incompatibility[] {
  const kindLevel = kindIncompatibilities(ctx);
  const destination = ruleDestination(ctx);
  // A wrong destination makes the other checks meaningless (a host compared with itself).
  if (destination.length > 0) return [...kindLevel, ...destination];
  return [...kindLevel, ...DESTINATION_RULES.flatMap((rule) => rule(ctx))];
}

export const canMove = (incompatibilities: readonly Incompatibility[]) =>
  !incompatibilities.some((i) => i.level === "error");
