// The sync-engine test files' shared stage: the emulator's demo shop mirrored, a marketplace receiver, the sync
// workers and the outbox relay running, and one coat with at least four variants whose first variant's colour
// the packshots are drawn in. `useSyncEngineShop()` registers the file's beforeAll/afterAll and returns the stage.
import { afterAll, beforeAll } from "vitest";
import db from "~/db.server";
import { closeLocks } from "~/sync/locks.server";
import { startOutboxRelay, type RelayLoop } from "~/outbox/relay.server";
import { configureMarketplace } from "~/sync/channels/channels.db.server";
import { startWorkers, type RunningWorkers } from "~/worker/run.server";
import { MarketplaceReceiver } from "../../emulator/marketplace/receiver";
import { COLOURS } from "../../emulator/seed/catalogue";
import { studioImage } from "../../emulator/seed/images";
import { DEMO_SHOP } from "../../emulator/seed/seed";
import { testEmulator } from "../../emulator/testing";
import { installDemoShop } from "./app-emulator";

export interface StorefrontProduct {
  media: { id: number; src: string }[];
  images: string[];
  variants: {
    id: number;
    featured_image: { id: number; src: string } | null;
    metafields?: Record<string, Record<string, unknown>>;
  }[];
}

interface SyncRow {
  status: string;
  confirmedRevision: number;
  desiredRevision: number;
}

/** Every channel (storefront, Google, marketplace) live on the revision last asked for. */
export const allLive = (rows: SyncRow[]) =>
  rows.length === 3 &&
  rows.every(
    (r) => r.status === "LIVE" && r.confirmedRevision === r.desiredRevision,
  );

/** The product's sync state per channel, in channel order. */
export const states = (productId: string) =>
  db.syncState.findMany({
    where: { shop: DEMO_SHOP, productId },
    orderBy: { channel: "asc" },
  });

export function useSyncEngineShop() {
  const emulator = testEmulator({ mediaProcessingMs: 30 });
  const receiver = new MarketplaceReceiver(
    "vitrine-test",
    "marketplace-secret-1234",
  );
  let workers: RunningWorkers;
  let relay: RelayLoop;
  const stage = {
    emulator,
    receiver,
    coat: { id: "", gid: "", handle: "" },
    colour: COLOURS[0]!,
    /** A white-background packshot of the coat in its colour, `label` drawn on it. */
    packshot: (label: string, format: "jpeg" | "png" = "jpeg") =>
      studioImage({
        family: "coat",
        colour: stage.colour,
        width: 1200,
        height: 1500,
        label,
        packshot: true,
        format,
      }),
    /** The product as the online store's `/products/{handle}.js` serves it. */
    storefront: async (handle: string) => {
      const response = await emulator.handle(
        new Request(`https://${DEMO_SHOP}/products/${handle}.js`),
      );
      return (await response.json()) as StorefrontProduct;
    },
  };

  beforeAll(async () => {
    const productIds = await installDemoShop(emulator);
    const products = [...emulator.shop(DEMO_SHOP).products.values()];
    const seeded =
      products.find(
        (p) =>
          p.status === "ACTIVE" &&
          p.variantIds.length >= 4 &&
          p.productType.includes("Coat"),
      ) ?? products.find((p) => p.status === "ACTIVE")!;
    // The colour of the product's first variant: the packshots are "that colour's".
    const firstVariant = emulator
      .shop(DEMO_SHOP)
      .variants.get(seeded.variantIds[0]!)!;
    const colourName = firstVariant.selectedOptions.find(
      (o) => o.name === "Colour",
    )!.value;
    stage.colour = COLOURS.find((c) => c.name === colourName)!;
    stage.coat = {
      id: productIds.get(seeded.id)!,
      gid: seeded.id,
      handle: seeded.handle,
    };
    await configureMarketplace(DEMO_SHOP, {
      url: `${await receiver.listen()}/v1`,
      keyId: "vitrine-test",
      secret: "marketplace-secret-1234",
    });
    workers = startWorkers({
      queues: ["sync", "sync-storefront", "sync-feeds", "sync-marketplace"],
      concurrency: 4,
    });
    relay = startOutboxRelay(50);
  });

  afterAll(async () => {
    await relay.stop();
    await workers.close();
    await closeLocks();
    await receiver.close();
  });

  return stage;
}
