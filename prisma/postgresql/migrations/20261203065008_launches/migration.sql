-- CreateTable
CREATE TABLE "Launch" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "selection" JSONB NOT NULL,
    "markets" JSONB NOT NULL,
    "goLiveAt" TIMESTAMP(3),
    "createdBy" TEXT,
    "stagedAt" TIMESTAMP(3),
    "goLiveStartedAt" TIMESTAMP(3),
    "allLiveAt" TIMESTAMP(3),
    "rolledBackAt" TIMESTAMP(3),
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Launch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LaunchProduct" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "launchId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "embargoed" BOOLEAN NOT NULL DEFAULT true,
    "priorStatus" TEXT,
    "published" JSONB,

    CONSTRAINT "LaunchProduct_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LaunchChannel" (
    "launchProductId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "launchId" TEXT NOT NULL,
    "channel" "ChannelKind" NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'WAITING',
    "stagedAt" TIMESTAMP(3),
    "liveAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "LaunchChannel_pkey" PRIMARY KEY ("launchProductId","channel")
);

-- CreateIndex
CREATE INDEX "Launch_shop_createdAt_idx" ON "Launch"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "LaunchProduct_shop_productId_embargoed_idx" ON "LaunchProduct"("shop", "productId", "embargoed");

-- CreateIndex
CREATE UNIQUE INDEX "LaunchProduct_launchId_productId_key" ON "LaunchProduct"("launchId", "productId");

-- CreateIndex
CREATE INDEX "LaunchChannel_shop_launchId_channel_state_idx" ON "LaunchChannel"("shop", "launchId", "channel", "state");

-- AddForeignKey
ALTER TABLE "Launch" ADD CONSTRAINT "Launch_shop_fkey" FOREIGN KEY ("shop") REFERENCES "Shop"("shop") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LaunchProduct" ADD CONSTRAINT "LaunchProduct_launchId_fkey" FOREIGN KEY ("launchId") REFERENCES "Launch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LaunchProduct" ADD CONSTRAINT "LaunchProduct_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LaunchChannel" ADD CONSTRAINT "LaunchChannel_launchProductId_fkey" FOREIGN KEY ("launchProductId") REFERENCES "LaunchProduct"("id") ON DELETE CASCADE ON UPDATE CASCADE;

