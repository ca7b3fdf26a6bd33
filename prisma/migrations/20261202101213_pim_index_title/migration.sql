-- CreateIndex
CREATE INDEX "Product_shop_title_idx" ON "Product"("shop", "title");

