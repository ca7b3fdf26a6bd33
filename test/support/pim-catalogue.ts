// The PIM catalogue tests' shop: the emulator's demo shop (a tenth of the catalogue, no images) installed, the app
// connected to it, and a throttle-aware Admin client; the storefront's product JSON and the app's metafield
// namespace to read what was published.
import { beforeAll } from "vitest";
import {
  adminClientFor,
  type AdminClient,
} from "~/shopify/admin-client.server";
import { upsertInstalledShop } from "~/shop/shop.db.server";
import { DEMO_SHOP, seedShop } from "../../emulator/seed/seed";
import { testEmulator } from "../../emulator/testing";
import { connectAppTo } from "./app-emulator";
import { storeOfflineSessionWithToken } from "./shopify";

export const SHOP = DEMO_SHOP;

/** Registers the file's set-up; `client` is on the returned object once it has run. */
export function useCatalogueShop() {
  const emulator = testEmulator();
  const stage = {
    emulator,
    client: undefined as unknown as AdminClient,
    appNamespace: () => `app--${emulator.appId}`,
    storefront: async (handle: string) => {
      const response = await emulator.handle(
        new Request(`https://${SHOP}/products/${handle}.js`),
      );
      return (await response.json()) as {
        metafields: Record<string, Record<string, unknown>>;
        variants: {
          id: number;
          metafields: Record<string, Record<string, unknown>>;
        }[];
      };
    },
  };
  beforeAll(async () => {
    await seedShop(emulator, SHOP, { factor: 0.1, images: false });
    connectAppTo(emulator);
    await storeOfflineSessionWithToken(SHOP, emulator.issueAccessToken(SHOP));
    await upsertInstalledShop(SHOP);
    stage.client = await adminClientFor(SHOP);
  });
  return stage;
}
