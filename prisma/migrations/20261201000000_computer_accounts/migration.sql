-- The Delegation tab of each host's computer account (ComputerAccount) and the lab's replication
-- delay (Domain.replicationMinutes). Existing hosts get an account: trusted for the specified
-- services with any protocol where they already delegate (what the Delegation rows meant so far),
-- not trusted otherwise.
ALTER TABLE "Domain" ADD COLUMN "replicationMinutes" INTEGER NOT NULL DEFAULT 15;

CREATE TABLE "ComputerAccount" (
    "hostId" INTEGER NOT NULL PRIMARY KEY,
    "delegation" TEXT NOT NULL DEFAULT 'none',
    "anyProtocol" BOOLEAN NOT NULL DEFAULT false,
    "changedAt" DATETIME,
    "effective" JSONB,
    CONSTRAINT "ComputerAccount_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

INSERT INTO "ComputerAccount" ("hostId", "delegation", "anyProtocol")
SELECT "Host"."id",
       CASE WHEN EXISTS (SELECT 1 FROM "Delegation" WHERE "Delegation"."fromHostId" = "Host"."id") THEN 'specified' ELSE 'none' END,
       EXISTS (SELECT 1 FROM "Delegation" WHERE "Delegation"."fromHostId" = "Host"."id")
FROM "Host";
