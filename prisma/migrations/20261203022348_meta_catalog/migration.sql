

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_FeedItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "channel" TEXT NOT NULL DEFAULT 'GOOGLE_MERCHANT',
    "productId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "item" JSONB NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "FeedItem_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_FeedItem" ("id", "item", "productId", "shop", "updatedAt", "variantId") SELECT "id", "item", "productId", "shop", "updatedAt", "variantId" FROM "FeedItem";
DROP TABLE "FeedItem";
ALTER TABLE "new_FeedItem" RENAME TO "FeedItem";
CREATE INDEX "FeedItem_shop_channel_productId_idx" ON "FeedItem"("shop", "channel", "productId");
CREATE UNIQUE INDEX "FeedItem_shop_channel_variantId_key" ON "FeedItem"("shop", "channel", "variantId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
