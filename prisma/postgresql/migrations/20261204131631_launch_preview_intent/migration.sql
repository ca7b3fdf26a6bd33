-- AlterTable
ALTER TABLE "Launch" ADD COLUMN     "previewWanted" BOOLEAN;

