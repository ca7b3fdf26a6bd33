-- AlterTable
ALTER TABLE "Launch" ADD COLUMN "mediaBulkStartedAt" DATETIME;

