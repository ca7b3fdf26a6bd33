import { enqueue } from "~/jobs/enqueue.server";
import { refreshProduct, removeProduct } from "~/pim/product-refresh.server";
import { adminClientFor } from "~/shopify/admin-client.server";
import { findShop } from "~/shop/shop.db.server";
import {
  productChangedInShopify,
  productTouchedInShopify,
} from "~/sync/product-events.server";
import type { Processor } from "../processor";

// products/create|update: bring the mirror up to Shopify's state (echoes of our own writes are recognised).
export const refreshProductProcessor: Processor<"product.refresh"> = async (
  payload,
  { log },
) => {
  const shop = await findShop(payload.shop);
  if (shop?.status !== "INSTALLED") {
    log.info({ shop: payload.shop }, "shop not installed; skipping refresh");
    return { seen: payload.productId, outcome: "skipped" };
  }
  const updatedAt = payload.updatedAt ? new Date(payload.updatedAt) : null;
  const outcome = await refreshProduct(
    payload.shop,
    // Background: a burst of our own writes echoes back as a burst of products/update; their reads wait for
    // the pushes still converging.
    await adminClientFor(payload.shop, "background"),
    payload.productId,
    updatedAt,
  );
  // The channels follow: a mirrored change converges them; anything else may be an edit of the product's media
  // in the Shopify admin, read back on the storefront (our own echoes excepted).
  if (outcome === "updated" || outcome === "created") {
    await productChangedInShopify(payload.shop, payload.productId);
    // A new base price moves the markets' converted and adjusted prices: read in a job of its own, retried on
    // its own (a retry of this one would find the mirror current and queue nothing).
    await enqueue("product-market-prices.sync", {
      shop: payload.shop,
      productId: payload.productId,
    });
  } else if (outcome !== "echo" && outcome !== "gone")
    await productTouchedInShopify(payload.shop, payload.productId, updatedAt);
  log.info(
    { shop: payload.shop, productId: payload.productId, outcome },
    "product refreshed",
  );
  return { seen: payload.productId, outcome };
};

// products/delete: forget the product and its PIM data.
export const removeProductProcessor: Processor<"product.remove"> = async (
  payload,
) => ({
  seen: payload.productId,
  removed: await removeProduct(payload.shop, payload.productId),
});
