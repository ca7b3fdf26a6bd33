-- CreateIndex
CREATE INDEX "Asset_shop_title_idx" ON "Asset"("shop", "title");

-- CreateIndex
CREATE INDEX "Asset_shop_bytes_idx" ON "Asset"("shop", "bytes");

