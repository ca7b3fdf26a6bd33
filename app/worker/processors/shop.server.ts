import { eraseShop } from "~/shop/erase.server";
import { syncShopDetails } from "~/shop/details.server";
import { findShop } from "~/shop/shop.db.server";
import { unauthenticated } from "~/shopify.server";
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
  const { admin } = await unauthenticated.admin(shop);
  return syncShopDetails(shop, admin.graphql);
};

export const eraseShopProcessor: Processor<"shop.erase"> = async ({ shop }) =>
  eraseShop(shop);
