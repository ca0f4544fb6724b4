-- CreateTable
CREATE TABLE "Migration" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "vmId" INTEGER NOT NULL,
    "vmName" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sourceHostId" INTEGER NOT NULL,
    "destinationHostId" INTEGER NOT NULL,
    "startedFrom" TEXT NOT NULL,
    "signedInHostId" INTEGER,
    "storagePath" TEXT,
    "switchMap" TEXT NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'queued',
    "stage" TEXT NOT NULL DEFAULT 'pending',
    "percent" REAL NOT NULL DEFAULT 0,
    "switchedOver" BOOLEAN NOT NULL DEFAULT false,
    "speed" REAL NOT NULL,
    "seed" INTEGER NOT NULL,
    "idempotencyKey" TEXT,
    "input" TEXT NOT NULL,
    "prediction" TEXT NOT NULL,
    "summary" TEXT,
    "failureCode" TEXT,
    "failureMessage" TEXT,
    "lastSeq" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "Migration_vmId_fkey" FOREIGN KEY ("vmId") REFERENCES "Vm" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Migration_sourceHostId_fkey" FOREIGN KEY ("sourceHostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Migration_destinationHostId_fkey" FOREIGN KEY ("destinationHostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MigrationEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "migrationId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "atMs" REAL NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MigrationEvent_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "Migration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Migration_idempotencyKey_key" ON "Migration"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Migration_status_idx" ON "Migration"("status");

-- CreateIndex
CREATE INDEX "Migration_vmId_idx" ON "Migration"("vmId");

-- CreateIndex
CREATE INDEX "Migration_createdAt_idx" ON "Migration"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "MigrationEvent_migrationId_seq_key" ON "MigrationEvent"("migrationId", "seq");

