-- AlterTable
ALTER TABLE "AssetVersion" ADD COLUMN "media" JSONB;

