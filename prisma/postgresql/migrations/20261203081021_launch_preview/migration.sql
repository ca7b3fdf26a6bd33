-- AlterTable
ALTER TABLE "LaunchProduct" ADD COLUMN     "previewUrl" TEXT;

