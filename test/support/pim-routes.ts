// The PIM route tests' two shops, installed against an in-process emulator with the apparel attributes, one
// product each (no variants); and route arguments as the embedded admin sends them.
import { beforeAll } from "vitest";
import { seedApparelAttributes } from "~/pim/apparel-seed.server";
import { upsertInstalledShop } from "~/shop/shop.db.server";
import { testEmulator } from "../../emulator/testing";
import { connectAppTo } from "./app-emulator";
import { buildProduct } from "./factories/product";
import { embeddedFetchRequest, storeOfflineSessionWithToken } from "./shopify";

export const SHOP_A = "atelier-a.myshopify.com";
export const SHOP_B = "atelier-b.myshopify.com";

/** Registers the file's set-up; the products' ids are on the returned object once it has run. */
export function usePimShops() {
  const emulator = testEmulator();
  const shops = { productA: "", productB: "" };
  beforeAll(async () => {
    connectAppTo(emulator);
    for (const shop of [SHOP_A, SHOP_B]) {
      emulator.addShop(shop);
      await storeOfflineSessionWithToken(shop, emulator.issueAccessToken(shop));
      await upsertInstalledShop(shop);
    }
    shops.productA = (await buildProduct(SHOP_A, 1, { variants: [] })).id;
    shops.productB = (await buildProduct(SHOP_B, 2, { variants: [] })).id;
    await seedApparelAttributes(SHOP_A);
    await seedApparelAttributes(SHOP_B);
  });
  return shops;
}

export const args = async (
  shop: string,
  path: string,
  init: RequestInit = {},
  params: Record<string, string> = {},
) => ({
  request: await embeddedFetchRequest(path, shop, init),
  params,
  context: {},
});

export const post = (fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields))
    for (const v of [value].flat()) body.append(key, v);
  return {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  };
};

export async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    const result = await promise;
    return result instanceof Response ? result.status : 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}
