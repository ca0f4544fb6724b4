-- CreateTable
CREATE TABLE "Domain" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "netbiosName" TEXT NOT NULL,
    "forestName" TEXT NOT NULL,
    "functionalLevel" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Host" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "fqdn" TEXT NOT NULL,
    "managementIp" TEXT NOT NULL,
    "osVersion" TEXT NOT NULL,
    "osBuild" TEXT NOT NULL,
    "cpuVendor" TEXT NOT NULL,
    "cpuModel" TEXT NOT NULL,
    "cpuFeatureLevel" TEXT NOT NULL,
    "logicalProcessors" INTEGER NOT NULL,
    "memoryMiB" INTEGER NOT NULL,
    "hostReservedMiB" INTEGER NOT NULL,
    "cpuUsagePercent" REAL NOT NULL DEFAULT 0,
    "state" TEXT NOT NULL DEFAULT 'Up',
    "roles" TEXT NOT NULL DEFAULT '[]',
    "tags" TEXT NOT NULL DEFAULT '[]',
    "managingAs" TEXT NOT NULL DEFAULT 'CONTOSO\Administrator',
    "bootTime" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "domainId" INTEGER NOT NULL,
    "clusterId" INTEGER,
    CONSTRAINT "Host_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "Domain" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Host_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NetworkAdapter" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hostId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "speedMbps" INTEGER NOT NULL,
    "rdma" BOOLEAN NOT NULL DEFAULT false,
    "ipAddress" TEXT,
    "prefixLength" INTEGER,
    "purpose" TEXT NOT NULL,
    CONSTRAINT "NetworkAdapter_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VirtualSwitch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hostId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "adapterId" INTEGER,
    CONSTRAINT "VirtualSwitch_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "VirtualSwitch_adapterId_fkey" FOREIGN KEY ("adapterId") REFERENCES "NetworkAdapter" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MigrationSettings" (
    "hostId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "maxLiveMigrations" INTEGER NOT NULL DEFAULT 2,
    "maxStorageMigrations" INTEGER NOT NULL DEFAULT 2,
    "authentication" TEXT NOT NULL DEFAULT 'CredSSP',
    "performanceOption" TEXT NOT NULL DEFAULT 'Compression',
    "useAnyNetwork" BOOLEAN NOT NULL DEFAULT true,
    "maxPasses" INTEGER NOT NULL DEFAULT 10,
    CONSTRAINT "MigrationSettings_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MigrationNetwork" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hostId" INTEGER NOT NULL,
    "subnet" TEXT NOT NULL,
    "priority" INTEGER NOT NULL,
    CONSTRAINT "MigrationNetwork_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Delegation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "fromHostId" INTEGER NOT NULL,
    "service" TEXT NOT NULL,
    "toHostId" INTEGER NOT NULL,
    CONSTRAINT "Delegation_fromHostId_fkey" FOREIGN KEY ("fromHostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Delegation_toHostId_fkey" FOREIGN KEY ("toHostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Cluster" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "fqdn" TEXT NOT NULL,
    "ipAddress" TEXT NOT NULL,
    "maxParallelMigrations" INTEGER NOT NULL DEFAULT 2,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "managingAs" TEXT NOT NULL DEFAULT 'CONTOSO\Administrator',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "domainId" INTEGER NOT NULL,
    CONSTRAINT "Cluster_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "Domain" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ClusterNetwork" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "clusterId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "subnet" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "liveMigrationOrder" INTEGER,
    CONSTRAINT "ClusterNetwork_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DataDisk" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hostId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "friendlyName" TEXT NOT NULL,
    "sizeGiB" INTEGER NOT NULL,
    "mediaType" TEXT NOT NULL,
    "driveLetter" TEXT,
    CONSTRAINT "DataDisk_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IscsiTarget" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hostId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "iqn" TEXT NOT NULL,
    CONSTRAINT "IscsiTarget_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IscsiInitiator" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "targetId" INTEGER NOT NULL,
    "iqn" TEXT NOT NULL,
    "hostId" INTEGER,
    CONSTRAINT "IscsiInitiator_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "IscsiTarget" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IscsiInitiator_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IscsiVirtualDisk" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "targetId" INTEGER NOT NULL,
    "dataDiskId" INTEGER NOT NULL,
    "path" TEXT NOT NULL,
    "sizeGiB" INTEGER NOT NULL,
    CONSTRAINT "IscsiVirtualDisk_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "IscsiTarget" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IscsiVirtualDisk_dataDiskId_fkey" FOREIGN KEY ("dataDiskId") REFERENCES "DataDisk" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ClusterSharedVolume" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "clusterId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "fileSystem" TEXT NOT NULL DEFAULT 'CSVFS_NTFS',
    "sizeGiB" INTEGER NOT NULL,
    "freeGiB" INTEGER NOT NULL,
    "ownerHostId" INTEGER,
    "virtualDiskId" INTEGER,
    CONSTRAINT "ClusterSharedVolume_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ClusterSharedVolume_ownerHostId_fkey" FOREIGN KEY ("ownerHostId") REFERENCES "Host" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ClusterSharedVolume_virtualDiskId_fkey" FOREIGN KEY ("virtualDiskId") REFERENCES "IscsiVirtualDisk" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Vm" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "generation" INTEGER NOT NULL DEFAULT 2,
    "configurationVersion" TEXT NOT NULL DEFAULT '10.0',
    "state" TEXT NOT NULL DEFAULT 'Off',
    "hostId" INTEGER NOT NULL,
    "memoryMiB" INTEGER NOT NULL,
    "dynamicMemory" BOOLEAN NOT NULL DEFAULT false,
    "memoryMinMiB" INTEGER,
    "memoryMaxMiB" INTEGER,
    "memoryDemandMiB" INTEGER NOT NULL DEFAULT 0,
    "vcpus" INTEGER NOT NULL,
    "processorCompatibility" BOOLEAN NOT NULL DEFAULT false,
    "highlyAvailable" BOOLEAN NOT NULL DEFAULT false,
    "clusterPriority" INTEGER,
    "cpuUsagePercent" REAL NOT NULL DEFAULT 0,
    "heartbeat" TEXT NOT NULL DEFAULT 'No contact',
    "uptimeStart" DATETIME,
    "notes" TEXT NOT NULL DEFAULT '',
    "workload" TEXT NOT NULL DEFAULT 'idle',
    "hotSetMiB" INTEGER NOT NULL DEFAULT 256,
    "writesPerSecond" INTEGER NOT NULL DEFAULT 2000,
    "coldMiBPerSecond" REAL NOT NULL DEFAULT 0.5,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Vm_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VmNetworkAdapter" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "vmId" INTEGER NOT NULL,
    "name" TEXT NOT NULL DEFAULT 'Network Adapter',
    "switchName" TEXT,
    "macAddress" TEXT NOT NULL,
    "vlanId" INTEGER,
    CONSTRAINT "VmNetworkAdapter_vmId_fkey" FOREIGN KEY ("vmId") REFERENCES "Vm" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VmDisk" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "vmId" INTEGER NOT NULL,
    "controller" TEXT NOT NULL DEFAULT 'SCSI 0:0',
    "path" TEXT NOT NULL,
    "sizeGiB" INTEGER NOT NULL,
    "usedGiB" INTEGER NOT NULL DEFAULT 0,
    "location" TEXT NOT NULL,
    "csvId" INTEGER,
    CONSTRAINT "VmDisk_vmId_fkey" FOREIGN KEY ("vmId") REFERENCES "Vm" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "VmDisk_csvId_fkey" FOREIGN KEY ("csvId") REFERENCES "ClusterSharedVolume" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EventLogEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "eventId" INTEGER NOT NULL,
    "level" TEXT NOT NULL,
    "hostId" INTEGER,
    "vmId" INTEGER,
    "message" TEXT NOT NULL,
    "time" DATETIME NOT NULL,
    CONSTRAINT "EventLogEntry_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EventLogEntry_vmId_fkey" FOREIGN KEY ("vmId") REFERENCES "Vm" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Domain_name_key" ON "Domain"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Host_name_key" ON "Host"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Host_fqdn_key" ON "Host"("fqdn");

-- CreateIndex
CREATE INDEX "Host_clusterId_idx" ON "Host"("clusterId");

-- CreateIndex
CREATE UNIQUE INDEX "NetworkAdapter_hostId_name_key" ON "NetworkAdapter"("hostId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "VirtualSwitch_hostId_name_key" ON "VirtualSwitch"("hostId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "MigrationNetwork_hostId_subnet_key" ON "MigrationNetwork"("hostId", "subnet");

-- CreateIndex
CREATE UNIQUE INDEX "Delegation_fromHostId_service_toHostId_key" ON "Delegation"("fromHostId", "service", "toHostId");

-- CreateIndex
CREATE UNIQUE INDEX "Cluster_name_key" ON "Cluster"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Cluster_fqdn_key" ON "Cluster"("fqdn");

-- CreateIndex
CREATE UNIQUE INDEX "ClusterNetwork_clusterId_name_key" ON "ClusterNetwork"("clusterId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "DataDisk_hostId_number_key" ON "DataDisk"("hostId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "IscsiTarget_iqn_key" ON "IscsiTarget"("iqn");

-- CreateIndex
CREATE UNIQUE INDEX "IscsiInitiator_targetId_iqn_key" ON "IscsiInitiator"("targetId", "iqn");

-- CreateIndex
CREATE UNIQUE INDEX "ClusterSharedVolume_path_key" ON "ClusterSharedVolume"("path");

-- CreateIndex
CREATE UNIQUE INDEX "Vm_name_key" ON "Vm"("name");

-- CreateIndex
CREATE INDEX "Vm_hostId_idx" ON "Vm"("hostId");

-- CreateIndex
CREATE INDEX "Vm_state_idx" ON "Vm"("state");

-- CreateIndex
CREATE INDEX "EventLogEntry_hostId_time_idx" ON "EventLogEntry"("hostId", "time");

-- CreateIndex
CREATE INDEX "EventLogEntry_time_idx" ON "EventLogEntry"("time");

