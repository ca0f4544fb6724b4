-- Gateway access: users, sessions, one-time links, the audit log, and who started each move.
-- CreateTable
CREATE TABLE "User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT
);

-- CreateTable
CREATE TABLE "Session" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "tokenHash" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "address" TEXT NOT NULL,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OneTimeLink" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "tokenHash" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "purpose" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    CONSTRAINT "OneTimeLink_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "user" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "target" TEXT,
    "address" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "message" TEXT
);

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
    "startedById" INTEGER,
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
    CONSTRAINT "Migration_destinationHostId_fkey" FOREIGN KEY ("destinationHostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Migration_startedById_fkey" FOREIGN KEY ("startedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Migration" ("createdAt", "destinationHostId", "failureCode", "failureMessage", "finishedAt", "id", "idempotencyKey", "input", "kind", "lastSeq", "percent", "prediction", "savedFromState", "seed", "signedInHostId", "sourceHostId", "speed", "stage", "startedAt", "startedFrom", "status", "storagePath", "summary", "switchMap", "switchedOver", "vmId", "vmName") SELECT "createdAt", "destinationHostId", "failureCode", "failureMessage", "finishedAt", "id", "idempotencyKey", "input", "kind", "lastSeq", "percent", "prediction", "savedFromState", "seed", "signedInHostId", "sourceHostId", "speed", "stage", "startedAt", "startedFrom", "status", "storagePath", "summary", "switchMap", "switchedOver", "vmId", "vmName" FROM "Migration";
DROP TABLE "Migration";
ALTER TABLE "new_Migration" RENAME TO "Migration";
CREATE UNIQUE INDEX "Migration_idempotencyKey_key" ON "Migration"("idempotencyKey");
CREATE INDEX "Migration_status_idx" ON "Migration"("status");
CREATE INDEX "Migration_vmId_idx" ON "Migration"("vmId");
CREATE INDEX "Migration_createdAt_idx" ON "Migration"("createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "User_name_key" ON "User"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "OneTimeLink_tokenHash_key" ON "OneTimeLink"("tokenHash");

-- CreateIndex
CREATE INDEX "AuditEntry_at_idx" ON "AuditEntry"("at");

-- CreateIndex
CREATE INDEX "AuditEntry_user_at_idx" ON "AuditEntry"("user", "at");

-- CreateIndex
CREATE INDEX "AuditEntry_action_at_idx" ON "AuditEntry"("action", "at");

