-- AlterEnum
ALTER TYPE "ChannelKind" ADD VALUE 'META_CATALOG';

-- DropIndex
DROP INDEX "FeedItem_shop_productId_idx";

-- DropIndex
DROP INDEX "FeedItem_shop_variantId_key";

-- AlterTable
ALTER TABLE "FeedItem" ADD COLUMN     "channel" "ChannelKind" NOT NULL DEFAULT 'GOOGLE_MERCHANT';

-- CreateIndex
CREATE INDEX "FeedItem_shop_channel_productId_idx" ON "FeedItem"("shop", "channel", "productId");

-- CreateIndex
CREATE UNIQUE INDEX "FeedItem_shop_channel_variantId_key" ON "FeedItem"("shop", "channel", "variantId");
