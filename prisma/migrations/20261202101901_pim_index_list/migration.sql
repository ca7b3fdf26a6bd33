-- DropIndex
DROP INDEX "Product_shop_productType_idx";

-- DropIndex
DROP INDEX "Product_shop_vendor_idx";

-- DropIndex
DROP INDEX "Product_shop_familyId_idx";

-- DropIndex
DROP INDEX "Product_shop_pimStatus_idx";

-- DropIndex
DROP INDEX "Product_shop_updatedAt_idx";

-- CreateIndex
CREATE INDEX "Product_shop_updatedAt_id_idx" ON "Product"("shop", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Product_shop_pimStatus_title_id_idx" ON "Product"("shop", "pimStatus", "title", "id");

-- CreateIndex
CREATE INDEX "Product_shop_pimStatus_updatedAt_id_idx" ON "Product"("shop", "pimStatus", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Product_shop_familyId_title_id_idx" ON "Product"("shop", "familyId", "title", "id");

-- CreateIndex
CREATE INDEX "Product_shop_vendor_title_id_idx" ON "Product"("shop", "vendor", "title", "id");

-- CreateIndex
CREATE INDEX "Product_shop_productType_title_id_idx" ON "Product"("shop", "productType", "title", "id");

-- CreateIndex
CREATE INDEX "Product_shop_title_id_searchText_idx" ON "Product"("shop", "title", "id", "searchText");

