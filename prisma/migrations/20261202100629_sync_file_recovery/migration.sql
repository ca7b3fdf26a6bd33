-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ShopifyFile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "assetId" TEXT NOT NULL,
    "fileGid" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "extension" TEXT NOT NULL,
    "url" TEXT,
    "ready" BOOLEAN NOT NULL DEFAULT false,
    "retiredFileGid" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ShopifyFile_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ShopifyFile" ("assetId", "extension", "fileGid", "id", "shop", "updatedAt", "url", "versionId") SELECT "assetId", "extension", "fileGid", "id", "shop", "updatedAt", "url", "versionId" FROM "ShopifyFile";
DROP TABLE "ShopifyFile";
ALTER TABLE "new_ShopifyFile" RENAME TO "ShopifyFile";
CREATE UNIQUE INDEX "ShopifyFile_shop_assetId_key" ON "ShopifyFile"("shop", "assetId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

