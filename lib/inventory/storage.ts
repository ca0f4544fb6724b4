import "server-only";
import { db } from "@/lib/db";

/** The iSCSI target servers with their disks, virtual disks and initiators, and the CSVs on them. */
export async function getStorage() {
  const [targets, dataDisks, volumes] = await Promise.all([
    db.iscsiTarget.findMany({
      orderBy: { name: "asc" },
      include: {
        host: { select: { id: true, name: true } },
        initiators: { orderBy: { iqn: "asc" }, include: { host: { select: { id: true, name: true } } } },
        virtualDisks: {
          orderBy: { path: "asc" },
          include: { dataDisk: { select: { number: true, driveLetter: true } } },
        },
      },
    }),
    db.dataDisk.findMany({
      orderBy: [{ hostId: "asc" }, { number: "asc" }],
      include: { host: { select: { name: true } } },
    }),
    db.clusterSharedVolume.findMany({
      orderBy: { path: "asc" },
      include: {
        cluster: { select: { id: true, name: true } },
        ownerHost: { select: { id: true, name: true } },
        _count: { select: { vmDisks: true } },
      },
    }),
  ]);
  return {
    targets,
    dataDisks,
    volumes: volumes.map(({ _count, ...v }) => ({ ...v, vmDiskCount: _count.vmDisks })),
  };
}
export type Storage = Awaited<ReturnType<typeof getStorage>>;
