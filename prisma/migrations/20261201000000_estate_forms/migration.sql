-- The estate-building forms: iSCSI portals and sessions per node, virtual disks that exist before
-- a target maps them, cluster disks, the file share witness, and the guided lab's runs.

-- DropIndex
DROP INDEX "ClusterSharedVolume_path_key";

-- AlterTable
ALTER TABLE "Cluster" ADD COLUMN "witnessShare" TEXT;

-- CreateTable
CREATE TABLE "IscsiTargetPortal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hostId" INTEGER NOT NULL,
    "address" TEXT NOT NULL,
    CONSTRAINT "IscsiTargetPortal_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IscsiConnection" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hostId" INTEGER NOT NULL,
    "targetId" INTEGER NOT NULL,
    "portal" TEXT NOT NULL,
    CONSTRAINT "IscsiConnection_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IscsiConnection_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "IscsiTarget" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LabRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "lesson" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "endedAt" DATETIME
);

-- CreateTable
CREATE TABLE "LabAnswer" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "question" TEXT NOT NULL,
    "choice" TEXT NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "answeredAt" DATETIME NOT NULL,
    CONSTRAINT "LabAnswer_runId_fkey" FOREIGN KEY ("runId") REFERENCES "LabRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DataDisk" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hostId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "friendlyName" TEXT NOT NULL,
    "sizeGiB" INTEGER NOT NULL,
    "mediaType" TEXT NOT NULL,
    "driveLetter" TEXT,
    "offline" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "DataDisk_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_DataDisk" ("driveLetter", "friendlyName", "hostId", "id", "mediaType", "number", "sizeGiB") SELECT "driveLetter", "friendlyName", "hostId", "id", "mediaType", "number", "sizeGiB" FROM "DataDisk";
DROP TABLE "DataDisk";
ALTER TABLE "new_DataDisk" RENAME TO "DataDisk";
CREATE UNIQUE INDEX "DataDisk_hostId_number_key" ON "DataDisk"("hostId", "number");
CREATE TABLE "new_IscsiVirtualDisk" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "targetId" INTEGER,
    "dataDiskId" INTEGER NOT NULL,
    "path" TEXT NOT NULL,
    "sizeGiB" INTEGER NOT NULL,
    "type" TEXT NOT NULL DEFAULT 'Fixed',
    "formatted" BOOLEAN NOT NULL DEFAULT false,
    "clusterId" INTEGER,
    "clusterDiskName" TEXT,
    CONSTRAINT "IscsiVirtualDisk_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "IscsiTarget" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "IscsiVirtualDisk_dataDiskId_fkey" FOREIGN KEY ("dataDiskId") REFERENCES "DataDisk" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "IscsiVirtualDisk_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_IscsiVirtualDisk" ("dataDiskId", "id", "path", "sizeGiB", "targetId") SELECT "dataDiskId", "id", "path", "sizeGiB", "targetId" FROM "IscsiVirtualDisk";
DROP TABLE "IscsiVirtualDisk";
ALTER TABLE "new_IscsiVirtualDisk" RENAME TO "IscsiVirtualDisk";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "IscsiTargetPortal_hostId_address_key" ON "IscsiTargetPortal"("hostId", "address");

-- CreateIndex
CREATE UNIQUE INDEX "IscsiConnection_hostId_targetId_key" ON "IscsiConnection"("hostId", "targetId");

-- CreateIndex
CREATE UNIQUE INDEX "LabAnswer_runId_question_key" ON "LabAnswer"("runId", "question");

-- CreateIndex
CREATE UNIQUE INDEX "ClusterSharedVolume_clusterId_path_key" ON "ClusterSharedVolume"("clusterId", "path");


-- An estate written before this migration: a node named as a target's initiator was logged on to it
-- (through the target server's storage address), and the disks behind a CSV or the disk witness
-- were formatted disks of that cluster.
INSERT INTO "IscsiConnection" ("hostId", "targetId", "portal")
SELECT i."hostId", i."targetId", COALESCE(
    (SELECT a."ipAddress" FROM "NetworkAdapter" a JOIN "IscsiTarget" t ON t."hostId" = a."hostId"
      WHERE t."id" = i."targetId" AND a."purpose" = 'Storage' AND a."ipAddress" IS NOT NULL LIMIT 1),
    (SELECT h."managementIp" FROM "Host" h JOIN "IscsiTarget" t ON t."hostId" = h."id" WHERE t."id" = i."targetId"))
FROM "IscsiInitiator" i WHERE i."hostId" IS NOT NULL;
INSERT INTO "IscsiTargetPortal" ("hostId", "address") SELECT DISTINCT "hostId", "portal" FROM "IscsiConnection";
UPDATE "IscsiVirtualDisk" SET "formatted" = true,
  "clusterId" = (SELECT v."clusterId" FROM "ClusterSharedVolume" v WHERE v."virtualDiskId" = "IscsiVirtualDisk"."id" LIMIT 1)
  WHERE "id" IN (SELECT "virtualDiskId" FROM "ClusterSharedVolume" WHERE "virtualDiskId" IS NOT NULL);
UPDATE "IscsiVirtualDisk" SET "formatted" = true,
  "clusterId" = (SELECT c."id" FROM "Cluster" c WHERE c."witnessDiskId" = "IscsiVirtualDisk"."id")
  WHERE "id" IN (SELECT "witnessDiskId" FROM "Cluster" WHERE "witnessDiskId" IS NOT NULL);
UPDATE "IscsiVirtualDisk" SET "clusterDiskName" = COALESCE(
    (SELECT v."name" FROM "ClusterSharedVolume" v WHERE v."virtualDiskId" = "IscsiVirtualDisk"."id" LIMIT 1),
    'Cluster Disk ' || "id")
  WHERE "clusterId" IS NOT NULL;
