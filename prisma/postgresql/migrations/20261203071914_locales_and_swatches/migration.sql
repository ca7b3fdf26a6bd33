-- CreateTable
CREATE TABLE "ProductTranslation" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "marketId" TEXT NOT NULL DEFAULT '',
    "subject" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "value" TEXT,
    "source" TEXT,
    "digest" TEXT,
    "status" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProductTranslation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Swatch" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "color" TEXT,
    "assetId" TEXT,
    "fileGid" TEXT,
    "metaobjectId" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Swatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MarketGallery" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "marketId" TEXT NOT NULL,
    "assetIds" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MarketGallery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProductTranslation_shop_productId_idx" ON "ProductTranslation"("shop", "productId");

-- CreateIndex
CREATE UNIQUE INDEX "ProductTranslation_shop_resourceId_key_locale_marketId_key" ON "ProductTranslation"("shop", "resourceId", "key", "locale", "marketId");

-- CreateIndex
CREATE UNIQUE INDEX "Swatch_shop_handle_key" ON "Swatch"("shop", "handle");

-- CreateIndex
CREATE INDEX "MarketGallery_shop_productId_idx" ON "MarketGallery"("shop", "productId");

-- CreateIndex
CREATE UNIQUE INDEX "MarketGallery_shop_variantId_marketId_key" ON "MarketGallery"("shop", "variantId", "marketId");

-- AddForeignKey
ALTER TABLE "ProductTranslation" ADD CONSTRAINT "ProductTranslation_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Swatch" ADD CONSTRAINT "Swatch_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop"("shop") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MarketGallery" ADD CONSTRAINT "MarketGallery_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

