-- Migration's JSON columns and MigrationEvent.payload become Prisma Json (JSONB in SQLite); the
-- enumerations stay TEXT columns (Prisma's enums on SQLite are TEXT), so only these tables change.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Migration" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "vmId" INTEGER NOT NULL,
    "vmName" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sourceHostId" INTEGER NOT NULL,
    "destinationHostId" INTEGER NOT NULL,
    "startedFrom" TEXT NOT NULL,
    "signedInHostId" INTEGER,
    "storagePath" TEXT,
    "switchMap" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "stage" TEXT NOT NULL DEFAULT 'pending',
    "percent" REAL NOT NULL DEFAULT 0,
    "switchedOver" BOOLEAN NOT NULL DEFAULT false,
    "savedFromState" TEXT,
    "speed" REAL NOT NULL,
    "seed" INTEGER NOT NULL,
    "idempotencyKey" TEXT,
    "input" JSONB NOT NULL,
    "prediction" JSONB NOT NULL,
    "summary" JSONB,
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
INSERT INTO "new_Migration" ("createdAt", "destinationHostId", "failureCode", "failureMessage", "finishedAt", "id", "idempotencyKey", "input", "kind", "lastSeq", "percent", "prediction", "savedFromState", "seed", "signedInHostId", "sourceHostId", "speed", "stage", "startedAt", "startedFrom", "status", "storagePath", "summary", "switchMap", "switchedOver", "vmId", "vmName") SELECT "createdAt", "destinationHostId", "failureCode", "failureMessage", "finishedAt", "id", "idempotencyKey", "input", "kind", "lastSeq", "percent", "prediction", "savedFromState", "seed", "signedInHostId", "sourceHostId", "speed", "stage", "startedAt", "startedFrom", "status", "storagePath", "summary", "switchMap", "switchedOver", "vmId", "vmName" FROM "Migration";
DROP TABLE "Migration";
ALTER TABLE "new_Migration" RENAME TO "Migration";
CREATE UNIQUE INDEX "Migration_idempotencyKey_key" ON "Migration"("idempotencyKey");
CREATE INDEX "Migration_status_idx" ON "Migration"("status");
CREATE INDEX "Migration_vmId_idx" ON "Migration"("vmId");
CREATE INDEX "Migration_createdAt_idx" ON "Migration"("createdAt");
CREATE TABLE "new_MigrationEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "migrationId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "atMs" REAL NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MigrationEvent_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "Migration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_MigrationEvent" ("atMs", "createdAt", "id", "migrationId", "payload", "seq", "type") SELECT "atMs", "createdAt", "id", "migrationId", "payload", "seq", "type" FROM "MigrationEvent";
DROP TABLE "MigrationEvent";
ALTER TABLE "new_MigrationEvent" RENAME TO "MigrationEvent";
CREATE UNIQUE INDEX "MigrationEvent_migrationId_seq_key" ON "MigrationEvent"("migrationId", "seq");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

