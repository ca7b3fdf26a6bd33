-- AlterTable
ALTER TABLE "SpreadsheetImport" ADD COLUMN     "contentKey" TEXT,
ALTER COLUMN "content" DROP NOT NULL;

