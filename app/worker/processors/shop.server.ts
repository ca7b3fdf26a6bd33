import { eraseShop } from "~/shop/erase.server";
import { syncShopDetails } from "~/shop/details.server";
import { findShop } from "~/shop/shop.db.server";
import { adminClientFor } from "~/shopify/admin-client.server";
import type { Processor } from "../processor";

export const syncShopDetailsProcessor: Processor<"shop.sync-details"> = async (
  { shop },
  { log },
) => {
  const record = await findShop(shop);
  if (record?.status !== "INSTALLED") {
    log.info({ shop }, "shop not installed; skipping details sync");
    return;
  }
  return syncShopDetails(shop, await adminClientFor(shop));
};

export const eraseShopProcessor: Processor<"shop.erase"> = async ({ shop }) =>
  eraseShop(shop);
