// The translation tests' stage: the demo shop installed in English with French published, the apparel PIM set
// up, one product, and the sync workers with the outbox relay (stopped and started again by the tests). Reads of
// what Shopify holds: the storefront per locale, a metafield's French translations, a variant gallery per market.
// `setUpFrenchShop()` registers the file's beforeAll/afterAll and returns the stage.
import { afterAll, beforeAll, expect } from "vitest";
import { closeLocks } from "~/sync/locks.server";
import { startOutboxRelay, type RelayLoop } from "~/outbox/relay.server";
import { setUpApparelPim } from "~/pim/onboarding.server";
import { startWorkers, type RunningWorkers } from "~/worker/run.server";
import { DEMO_SHOP } from "../../emulator/seed/seed";
import { adminApi, testEmulator } from "../../emulator/testing";
import { demoProduct, installDemoShop } from "./app-emulator";

export { DEMO_SHOP };

export interface StorefrontView {
  title: string;
  media: { alt: string | null }[];
  metafields: Record<string, Record<string, unknown>>;
}

interface GalleryMetafield {
  value: string;
  everywhere: { value: string }[];
  market: { value: string; outdated: boolean }[];
}

export function setUpFrenchShop() {
  const emulator = testEmulator({ mediaProcessingMs: 20 });
  let workers: RunningWorkers | null = null;
  let relay: RelayLoop | null = null;
  const admin = (query: string, variables?: Record<string, unknown>) =>
    adminApi(emulator, DEMO_SHOP)(query, variables);

  const stage = {
    emulator,
    product: undefined as unknown as ReturnType<typeof demoProduct>,
    /** Starts the storefront and translation workers and the outbox relay. */
    startWorkers: () => {
      workers = startWorkers({
        queues: ["sync", "sync-storefront", "shopify"],
        concurrency: 2,
      });
      relay = startOutboxRelay(50);
    },
    /** Stops them, so that each step a test takes is observed on its own. */
    stopWorkers: async () => {
      await relay?.stop();
      relay = null;
      await workers?.close();
      workers = null;
    },
    /** The product's storefront JSON, in French or the default language. */
    storefront: async (locale: "fr" | null): Promise<StorefrontView> => {
      const prefix = locale ? `/${locale}` : "";
      const response = await emulator.handle(
        new Request(
          `https://${DEMO_SHOP}${prefix}/products/${stage.product.handle}.js`,
        ),
      );
      expect(response.status).toBe(200);
      return (await response.json()) as StorefrontView;
    },
    /** The app's own metafields in a storefront view. */
    appValues: (view: StorefrontView) =>
      view.metafields[`app--${emulator.appId}`] ?? {},
    /** The product's material_composition metafield and its French translations, as Shopify holds them. */
    materialTranslation: async () => {
      const { data } = await admin(
        `query T($id: ID!) { product(id: $id) { metafield(namespace: "$app", key: "material_composition") { value translations(locale: "fr") { value outdated } } } }`,
        { id: stage.product.gid },
      );
      return (
        data as {
          product: {
            metafield: {
              value: string;
              translations: { value: string; outdated: boolean }[];
            };
          };
        }
      ).product.metafield;
    },
    /** The id of the shop's market called `name`. */
    marketId: async (name: string) => {
      const { data } = await admin(
        `{ markets(first: 5) { nodes { id name } } }`,
      );
      const markets = (
        data as { markets: { nodes: { id: string; name: string }[] } }
      ).markets.nodes;
      return markets.find((m) => m.name === name)!.id;
    },
    /** A variant's gallery metafield: its value, its French translation everywhere, and the one for `market`. */
    variantGallery: async (variantGid: string, market: string) => {
      const { data } = await admin(
        `query G($id: ID!, $m: ID!) { productVariant(id: $id) { metafield(namespace: "$app", key: "gallery") { value everywhere: translations(locale: "fr") { value } market: translations(locale: "fr", marketId: $m) { value outdated } } } }`,
        { id: variantGid, m: market },
      );
      return (data as { productVariant: { metafield: GalleryMetafield } })
        .productVariant.metafield;
    },
  };

  beforeAll(async () => {
    // What shop.sync-details stores for the emulator's shop: English, and French published.
    const ids = await installDemoShop(emulator, { locales: ["en", "fr"] });
    await setUpApparelPim(DEMO_SHOP);
    stage.product = demoProduct(emulator, ids);
    stage.startWorkers();
  });

  afterAll(async () => {
    await stage.stopWorkers();
    await closeLocks();
  });
  return stage;
}
