-- DropIndex
DROP INDEX "Asset_shop_createdAt_idx";

-- CreateIndex
CREATE INDEX "Asset_shop_createdAt_id_idx" ON "Asset"("shop", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Asset_shop_title_id_idx" ON "Asset"("shop", "title", "id");

-- CreateIndex
CREATE INDEX "Asset_shop_bytes_id_idx" ON "Asset"("shop", "bytes", "id");

-- CreateIndex
CREATE INDEX "AssetVersion_shop_sha256_idx" ON "AssetVersion"("shop", "sha256");

-- CreateIndex
CREATE UNIQUE INDEX "AssetVersion_assetId_number_key" ON "AssetVersion"("assetId", "number");

