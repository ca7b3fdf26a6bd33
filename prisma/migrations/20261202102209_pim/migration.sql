-- CreateTable
CREATE TABLE "AttributeDefinition" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AttributeDefinition_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("shop") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Family" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "productTypes" JSONB NOT NULL,
    "categoryIds" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Family_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("shop") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FamilyAttribute" (
    "shop" TEXT NOT NULL,
    "familyId" TEXT NOT NULL,
    "attributeId" TEXT NOT NULL,
    "requiredChannels" JSONB NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("familyId", "attributeId"),
    CONSTRAINT "FamilyAttribute_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "Family" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FamilyAttribute_attributeId_fkey" FOREIGN KEY ("attributeId") REFERENCES "AttributeDefinition" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AttributeValue" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AttributeValue_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AttributeValue_attributeId_fkey" FOREIGN KEY ("attributeId") REFERENCES "AttributeDefinition" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProductCompleteness" (
    "productId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "percent" INTEGER NOT NULL,
    "missing" JSONB NOT NULL,

    PRIMARY KEY ("productId", "channel"),
    CONSTRAINT "ProductCompleteness_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ValueChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ValueChange_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PublishedMetafield" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "ownerShopifyId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "digest" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PublishedMetafield_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CatalogueImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'RUNNING',
    "bulkOperationId" TEXT,
    "totalObjects" INTEGER,
    "linesRead" INTEGER NOT NULL DEFAULT 0,
    "products" INTEGER NOT NULL DEFAULT 0,
    "variants" INTEGER NOT NULL DEFAULT 0,
    "removed" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "CatalogueImport_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("shop") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Product" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "shopifyId" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "descriptionHtml" TEXT NOT NULL DEFAULT '',
    "vendor" TEXT,
    "productType" TEXT,
    "status" TEXT NOT NULL,
    "tags" JSONB,
    "categoryId" TEXT,
    "onlineStoreUrl" TEXT,
    "shopifyUpdatedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "familyId" TEXT,
    "pimStatus" TEXT NOT NULL DEFAULT 'DRAFT',
    "approvedAt" DATETIME,
    "approvedBy" TEXT,
    "approvedVersion" INTEGER NOT NULL DEFAULT 0,
    "publishedVersion" INTEGER NOT NULL DEFAULT 0,
    "publishedAt" DATETIME,
    "mirrorDigest" TEXT,
    "echoUpdatedAt" DATETIME,
    "searchText" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "Product_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("shop") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Product_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "Family" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Product" ("categoryId", "createdAt", "descriptionHtml", "handle", "id", "onlineStoreUrl", "productType", "shop", "shopifyId", "shopifyUpdatedAt", "status", "tags", "title", "updatedAt", "vendor") SELECT "categoryId", "createdAt", "descriptionHtml", "handle", "id", "onlineStoreUrl", "productType", "shop", "shopifyId", "shopifyUpdatedAt", "status", "tags", "title", "updatedAt", "vendor" FROM "Product";
DROP TABLE "Product";
ALTER TABLE "new_Product" RENAME TO "Product";
CREATE INDEX "Product_shop_handle_idx" ON "Product"("shop", "handle");
CREATE INDEX "Product_shop_updatedAt_id_idx" ON "Product"("shop", "updatedAt", "id");
CREATE INDEX "Product_shop_pimStatus_title_id_idx" ON "Product"("shop", "pimStatus", "title", "id");
CREATE INDEX "Product_shop_pimStatus_updatedAt_id_idx" ON "Product"("shop", "pimStatus", "updatedAt", "id");
CREATE INDEX "Product_shop_familyId_title_id_idx" ON "Product"("shop", "familyId", "title", "id");
CREATE INDEX "Product_shop_vendor_title_id_idx" ON "Product"("shop", "vendor", "title", "id");
CREATE INDEX "Product_shop_productType_title_id_idx" ON "Product"("shop", "productType", "title", "id");
CREATE INDEX "Product_shop_title_id_searchText_idx" ON "Product"("shop", "title", "id", "searchText");
CREATE UNIQUE INDEX "Product_shop_shopifyId_key" ON "Product"("shop", "shopifyId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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

