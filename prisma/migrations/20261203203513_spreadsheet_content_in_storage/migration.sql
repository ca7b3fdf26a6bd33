

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SpreadsheetImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "options" JSONB NOT NULL,
    "contentKey" TEXT,
    "content" BLOB,
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "totalRows" INTEGER,
    "doneRows" INTEGER NOT NULL DEFAULT 0,
    "report" JSONB,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "SpreadsheetImport_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("shop") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_SpreadsheetImport" ("content", "createdAt", "doneRows", "error", "filename", "finishedAt", "format", "id", "options", "report", "shop", "status", "totalRows") SELECT "content", "createdAt", "doneRows", "error", "filename", "finishedAt", "format", "id", "options", "report", "shop", "status", "totalRows" FROM "SpreadsheetImport";
DROP TABLE "SpreadsheetImport";
ALTER TABLE "new_SpreadsheetImport" RENAME TO "SpreadsheetImport";
CREATE INDEX "SpreadsheetImport_shop_createdAt_idx" ON "SpreadsheetImport"("shop", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

