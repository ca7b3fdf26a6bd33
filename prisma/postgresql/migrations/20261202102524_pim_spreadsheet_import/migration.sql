-- CreateTable
CREATE TABLE "SpreadsheetImport" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "options" JSONB NOT NULL,
    "content" BYTEA NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "totalRows" INTEGER,
    "doneRows" INTEGER NOT NULL DEFAULT 0,
    "report" JSONB,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "SpreadsheetImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SpreadsheetImport_shop_createdAt_idx" ON "SpreadsheetImport"("shop", "createdAt");

-- AddForeignKey
ALTER TABLE "SpreadsheetImport" ADD CONSTRAINT "SpreadsheetImport_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop"("shop") ON DELETE CASCADE ON UPDATE CASCADE;

