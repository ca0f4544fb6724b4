-- CreateTable
CREATE TABLE "NodeDrain" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "clusterId" INTEGER NOT NULL,
    "nodeId" INTEGER NOT NULL,
    "targetNodeId" INTEGER,
    "drainId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'InProgress',
    "parallel" INTEGER NOT NULL,
    "speed" REAL NOT NULL,
    "startedById" INTEGER,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "resumedAt" DATETIME,
    CONSTRAINT "NodeDrain_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "NodeDrain_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "NodeDrain_targetNodeId_fkey" FOREIGN KEY ("targetNodeId") REFERENCES "Host" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NodeDrainMove" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "drainId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "vmId" INTEGER NOT NULL,
    "vmName" TEXT NOT NULL,
    "priority" INTEGER,
    "memoryMiB" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "fromHostId" INTEGER NOT NULL,
    "destinationHostId" INTEGER,
    "destinationName" TEXT,
    "migrationId" INTEGER,
    "state" TEXT NOT NULL,
    "failure" TEXT,
    CONSTRAINT "NodeDrainMove_drainId_fkey" FOREIGN KEY ("drainId") REFERENCES "NodeDrain" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "NodeDrainMove_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "Migration" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "NodeDrain_nodeId_idx" ON "NodeDrain"("nodeId");

-- CreateIndex
CREATE INDEX "NodeDrain_clusterId_idx" ON "NodeDrain"("clusterId");

-- CreateIndex
CREATE UNIQUE INDEX "NodeDrainMove_migrationId_key" ON "NodeDrainMove"("migrationId");

-- CreateIndex
CREATE UNIQUE INDEX "NodeDrainMove_drainId_position_key" ON "NodeDrainMove"("drainId", "position");

