-- CreateTable
CREATE TABLE "ShopMarket" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "marketId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "countries" JSONB NOT NULL,
    "currency" TEXT NOT NULL,
    "followsBase" BOOLEAN NOT NULL DEFAULT false,
    "pricesSyncedAt" TIMESTAMP(3),

    CONSTRAINT "ShopMarket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MarketPrice" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "marketId" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "compareAtAmount" INTEGER,
    "currency" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MarketPrice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ShopMarket_shop_marketId_key" ON "ShopMarket"("shop", "marketId");

-- CreateIndex
CREATE INDEX "MarketPrice_shop_marketId_idx" ON "MarketPrice"("shop", "marketId");

-- CreateIndex
CREATE UNIQUE INDEX "MarketPrice_shop_variantId_marketId_key" ON "MarketPrice"("shop", "variantId", "marketId");

-- AddForeignKey
ALTER TABLE "ShopMarket" ADD CONSTRAINT "ShopMarket_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop"("shop") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MarketPrice" ADD CONSTRAINT "MarketPrice_variantId_fkey" FOREIGN KEY ("variantId") REFERENCES "Variant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

