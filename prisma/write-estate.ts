import type { Prisma, PrismaClient } from "../generated/prisma/client";
import type { Estate } from "./estate";

const CHUNK = 500;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

/**
 * Replaces the whole inventory with `estate` in one transaction: all of it lands or none. `also`
 * joins that transaction (the guided lab records its new run with the estate it starts from).
 */
export async function writeEstate(
  db: PrismaClient,
  e: Estate,
  also: Prisma.PrismaPromise<unknown>[] = [],
): Promise<void> {
  const wipe = [
    db.migrationEvent.deleteMany(),
    db.migration.deleteMany(),
    db.eventLogEntry.deleteMany(),
    db.vmDisk.deleteMany(),
    db.vmNetworkAdapter.deleteMany(),
    db.vm.deleteMany(),
    db.clusterSharedVolume.deleteMany(),
    db.iscsiVirtualDisk.deleteMany(),
    db.iscsiConnection.deleteMany(),
    db.iscsiTargetPortal.deleteMany(),
    db.iscsiInitiator.deleteMany(),
    db.iscsiTarget.deleteMany(),
    db.dataDisk.deleteMany(),
    db.clusterNetwork.deleteMany(),
    db.delegation.deleteMany(),
    db.computerAccount.deleteMany(),
    db.migrationNetwork.deleteMany(),
    db.migrationSettings.deleteMany(),
    db.virtualSwitch.deleteMany(),
    db.networkAdapter.deleteMany(),
    db.host.deleteMany(),
    db.cluster.deleteMany(),
    db.domain.deleteMany(),
  ];
  const write = [
    ...chunks(e.domains).map((data) => db.domain.createMany({ data })),
    // A cluster's witness disk is written later than the cluster: link it at the end.
    ...chunks(e.clusters.map(({ witnessDiskId: _, ...c }) => c)).map((data) =>
      db.cluster.createMany({ data }),
    ),
    ...chunks(e.hosts).map((data) => db.host.createMany({ data })),
    ...chunks(e.adapters).map((data) => db.networkAdapter.createMany({ data })),
    ...chunks(e.switches).map((data) => db.virtualSwitch.createMany({ data })),
    ...chunks(e.settings).map((data) => db.migrationSettings.createMany({ data })),
    ...chunks(e.migrationNetworks).map((data) => db.migrationNetwork.createMany({ data })),
    ...chunks(e.delegations).map((data) => db.delegation.createMany({ data })),
    ...chunks(e.accounts).map((data) => db.computerAccount.createMany({ data })),
    ...chunks(e.clusterNetworks).map((data) => db.clusterNetwork.createMany({ data })),
    ...chunks(e.dataDisks).map((data) => db.dataDisk.createMany({ data })),
    ...chunks(e.iscsiTargets).map((data) => db.iscsiTarget.createMany({ data })),
    ...chunks(e.iscsiInitiators).map((data) => db.iscsiInitiator.createMany({ data })),
    ...chunks(e.iscsiVirtualDisks).map((data) => db.iscsiVirtualDisk.createMany({ data })),
    ...chunks(e.iscsiPortals).map((data) => db.iscsiTargetPortal.createMany({ data })),
    ...chunks(e.iscsiConnections).map((data) => db.iscsiConnection.createMany({ data })),
    ...chunks(e.volumes).map((data) => db.clusterSharedVolume.createMany({ data })),
    ...chunks(e.vms).map((data) => db.vm.createMany({ data })),
    ...chunks(e.vmAdapters).map((data) => db.vmNetworkAdapter.createMany({ data })),
    ...chunks(e.vmDisks).map((data) => db.vmDisk.createMany({ data })),
    ...chunks(e.events).map((data) => db.eventLogEntry.createMany({ data })),
    ...e.clusters
      .filter((c) => c.witnessDiskId != null)
      .map((c) => db.cluster.update({ where: { id: c.id }, data: { witnessDiskId: c.witnessDiskId } })),
  ];
  await db.$transaction([...wipe, ...write, ...also]);
}
