

-- CreateTable
CREATE TABLE "Launch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "selection" JSONB NOT NULL,
    "markets" JSONB NOT NULL,
    "goLiveAt" DATETIME,
    "createdBy" TEXT,
    "stagedAt" DATETIME,
    "goLiveStartedAt" DATETIME,
    "allLiveAt" DATETIME,
    "rolledBackAt" DATETIME,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Launch_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop" ("shop") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LaunchProduct" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "launchId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "embargoed" BOOLEAN NOT NULL DEFAULT true,
    "priorStatus" TEXT,
    "published" JSONB,
    CONSTRAINT "LaunchProduct_launchId_fkey" FOREIGN KEY ("launchId") REFERENCES "Launch" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LaunchProduct_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LaunchChannel" (
    "launchProductId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "launchId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'WAITING',
    "stagedAt" DATETIME,
    "liveAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    PRIMARY KEY ("launchProductId", "channel"),
    CONSTRAINT "LaunchChannel_launchProductId_fkey" FOREIGN KEY ("launchProductId") REFERENCES "LaunchProduct" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Launch_shop_createdAt_idx" ON "Launch"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "LaunchProduct_shop_productId_embargoed_idx" ON "LaunchProduct"("shop", "productId", "embargoed");

-- CreateIndex
CREATE UNIQUE INDEX "LaunchProduct_launchId_productId_key" ON "LaunchProduct"("launchId", "productId");

-- CreateIndex
CREATE INDEX "LaunchChannel_shop_launchId_channel_state_idx" ON "LaunchChannel"("shop", "launchId", "channel", "state");

