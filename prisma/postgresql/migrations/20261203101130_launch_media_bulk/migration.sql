-- AlterTable
ALTER TABLE "Launch" ADD COLUMN     "mediaBulkStartedAt" TIMESTAMP(3);

