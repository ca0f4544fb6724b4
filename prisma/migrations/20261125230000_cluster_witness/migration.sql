-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Cluster" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "fqdn" TEXT NOT NULL,
    "ipAddress" TEXT NOT NULL,
    "maxParallelMigrations" INTEGER NOT NULL DEFAULT 2,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "managingAs" TEXT NOT NULL DEFAULT 'CONTOSO\Administrator',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "domainId" INTEGER NOT NULL,
    "witnessDiskId" INTEGER,
    CONSTRAINT "Cluster_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "Domain" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Cluster_witnessDiskId_fkey" FOREIGN KEY ("witnessDiskId") REFERENCES "IscsiVirtualDisk" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Cluster" ("createdAt", "domainId", "fqdn", "id", "ipAddress", "managingAs", "maxParallelMigrations", "name", "tags") SELECT "createdAt", "domainId", "fqdn", "id", "ipAddress", "managingAs", "maxParallelMigrations", "name", "tags" FROM "Cluster";
DROP TABLE "Cluster";
ALTER TABLE "new_Cluster" RENAME TO "Cluster";
CREATE UNIQUE INDEX "Cluster_name_key" ON "Cluster"("name");
CREATE UNIQUE INDEX "Cluster_fqdn_key" ON "Cluster"("fqdn");
CREATE UNIQUE INDEX "Cluster_witnessDiskId_key" ON "Cluster"("witnessDiskId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
