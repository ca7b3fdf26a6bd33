-- AlterTable
ALTER TABLE "ShopifyFile" ADD COLUMN     "ready" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "retiredFileGid" TEXT;

