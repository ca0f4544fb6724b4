-- AlterTable
ALTER TABLE "Migration" ADD COLUMN "savedFromState" TEXT;

