-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "approvedAt" TIMESTAMP(3),
ADD COLUMN     "approvedBy" TEXT,
ADD COLUMN     "approvedVersion" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "echoUpdatedAt" TIMESTAMP(3),
ADD COLUMN     "familyId" TEXT,
ADD COLUMN     "mirrorDigest" TEXT,
ADD COLUMN     "pimStatus" TEXT NOT NULL DEFAULT 'DRAFT',
ADD COLUMN     "publishedAt" TIMESTAMP(3),
ADD COLUMN     "publishedVersion" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "AttributeDefinition" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "labels" JSONB NOT NULL,
    "type" TEXT NOT NULL,
    "level" TEXT NOT NULL DEFAULT 'PRODUCT',
    "localisable" BOOLEAN NOT NULL DEFAULT false,
    "channelSpecific" BOOLEAN NOT NULL DEFAULT false,
    "validation" JSONB NOT NULL,
    "group" TEXT NOT NULL DEFAULT 'General',
    "position" INTEGER NOT NULL DEFAULT 0,
    "metafieldDefinitionId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AttributeDefinition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Family" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "productTypes" JSONB NOT NULL,
    "categoryIds" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Family_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FamilyAttribute" (
    "shop" TEXT NOT NULL,
    "familyId" TEXT NOT NULL,
    "attributeId" TEXT NOT NULL,
    "requiredChannels" JSONB NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "FamilyAttribute_pkey" PRIMARY KEY ("familyId","attributeId")
);

-- CreateTable
CREATE TABLE "AttributeValue" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "variantId" TEXT,
    "ownerId" TEXT NOT NULL,
    "attributeId" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT '*',
    "channel" TEXT NOT NULL DEFAULT '*',
    "draft" TEXT,
    "approved" TEXT,
    "updatedBy" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AttributeValue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductCompleteness" (
    "productId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "percent" INTEGER NOT NULL,
    "missing" JSONB NOT NULL,

    CONSTRAINT "ProductCompleteness_pkey" PRIMARY KEY ("productId","channel")
);

-- CreateTable
CREATE TABLE "ValueChange" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "changeId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "variantId" TEXT,
    "attributeId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "kind" TEXT NOT NULL,
    "actor" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ValueChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PublishedMetafield" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "ownerShopifyId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "digest" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PublishedMetafield_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CatalogueImport" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'RUNNING',
    "bulkOperationId" TEXT,
    "totalObjects" INTEGER,
    "linesRead" INTEGER NOT NULL DEFAULT 0,
    "products" INTEGER NOT NULL DEFAULT 0,
    "variants" INTEGER NOT NULL DEFAULT 0,
    "removed" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "CatalogueImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AttributeDefinition_shop_key_key" ON "AttributeDefinition"("shop", "key");

-- CreateIndex
CREATE UNIQUE INDEX "Family_shop_name_key" ON "Family"("shop", "name");

-- CreateIndex
CREATE INDEX "AttributeValue_shop_productId_idx" ON "AttributeValue"("shop", "productId");

-- CreateIndex
CREATE INDEX "AttributeValue_shop_attributeId_idx" ON "AttributeValue"("shop", "attributeId");

-- CreateIndex
CREATE UNIQUE INDEX "AttributeValue_ownerId_attributeId_locale_channel_key" ON "AttributeValue"("ownerId", "attributeId", "locale", "channel");

-- CreateIndex
CREATE INDEX "ProductCompleteness_shop_channel_percent_idx" ON "ProductCompleteness"("shop", "channel", "percent");

-- CreateIndex
CREATE INDEX "ValueChange_shop_productId_createdAt_idx" ON "ValueChange"("shop", "productId", "createdAt");

-- CreateIndex
CREATE INDEX "ValueChange_shop_changeId_idx" ON "ValueChange"("shop", "changeId");

-- CreateIndex
CREATE INDEX "PublishedMetafield_shop_productId_idx" ON "PublishedMetafield"("shop", "productId");

-- CreateIndex
CREATE UNIQUE INDEX "PublishedMetafield_shop_ownerShopifyId_key_key" ON "PublishedMetafield"("shop", "ownerShopifyId", "key");

-- CreateIndex
CREATE INDEX "CatalogueImport_shop_startedAt_idx" ON "CatalogueImport"("shop", "startedAt");

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

-- AddForeignKey
ALTER TABLE "Product" ADD CONSTRAINT "Product_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "Family"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttributeDefinition" ADD CONSTRAINT "AttributeDefinition_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop"("shop") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Family" ADD CONSTRAINT "Family_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop"("shop") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FamilyAttribute" ADD CONSTRAINT "FamilyAttribute_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "Family"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FamilyAttribute" ADD CONSTRAINT "FamilyAttribute_attributeId_fkey" FOREIGN KEY ("attributeId") REFERENCES "AttributeDefinition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttributeValue" ADD CONSTRAINT "AttributeValue_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttributeValue" ADD CONSTRAINT "AttributeValue_attributeId_fkey" FOREIGN KEY ("attributeId") REFERENCES "AttributeDefinition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductCompleteness" ADD CONSTRAINT "ProductCompleteness_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ValueChange" ADD CONSTRAINT "ValueChange_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublishedMetafield" ADD CONSTRAINT "PublishedMetafield_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CatalogueImport" ADD CONSTRAINT "CatalogueImport_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop"("shop") ON DELETE CASCADE ON UPDATE CASCADE;

