// The UNLISTED preview of a launch (issue #14): while the embargo holds, the launch's hidden products become
// UNLISTED in Shopify (2026-10: a shopper with the direct link can open the product page; it is never listed,
// searched or in a collection) and published to the Online Store only, so the merchant can share a private link
// per product. Feeds and the marketplace stay gated (LaunchProduct.embargoed), go-live flips the products ACTIVE as
// usual and a rollback puts back the status they had before the preview.
import { enqueue } from "~/jobs/enqueue.server";
import { Conflict } from "~/lib/errors";
import { adminClientFor } from "~/shopify/admin-client.server";
import { findLaunch, updateLaunch } from "./launch.db.server";
import {
  launchProducts,
  recordPreviews,
  rememberPriorStatus,
} from "./launch-pairs.db.server";
import type { LaunchStatus } from "./launch.schema";
import {
  bulkPerProduct,
  onlineStorePublication,
  PUBLISH_PREVIEW,
  SET_STATUS,
} from "./launch-shopify.server";
import { bulkRounds } from "./release.server";

const BEFORE_GO_LIVE: readonly LaunchStatus[] = ["DRAFT", "STAGING", "STAGED"];

/** Asks for the preview (the worker makes it). Throws Conflict once go-live started, NotFound. */
export async function previewLaunch(
  shop: string,
  launchId: string,
): Promise<void> {
  const launch = await findLaunch(shop, launchId);
  if (!BEFORE_GO_LIVE.includes(launch.status))
    throw new Conflict(
      `A ${launch.status.toLowerCase()} launch has no preview: it went live`,
    );
  await enqueue("launch.preview", { shop, launchId });
}

/**
 * The worker side: bulk `productUpdate` to UNLISTED, then bulk `publishablePublish` to the Online Store, each
 * retried line by line; a product's link is the `onlineStoreUrl` Shopify answers once the page opens. Products
 * already ACTIVE (never embargoed) are left alone. Idempotent.
 */
export async function previewLaunchProducts(
  shop: string,
  launchId: string,
  now = new Date(),
): Promise<{ previewed: number; failed: number } | { skipped: string }> {
  const launch = await findLaunch(shop, launchId);
  if (!BEFORE_GO_LIVE.includes(launch.status))
    return { skipped: launch.status };
  const client = await adminClientFor(shop);
  const store = await onlineStorePublication(client);
  if (!store) {
    await updateLaunch(shop, launchId, {
      error: "The shop has no Online Store: a preview needs one",
    });
    return { skipped: "no online store" };
  }
  // A rollback after go-live restores the status before the preview, not UNLISTED.
  await rememberPriorStatus(shop, launchId);
  const products = (await launchProducts(shop, launchId)).filter(
    (p) => p.embargoed && p.product.status !== "ACTIVE",
  );
  const idOf = new Map(products.map((p) => [p.product.shopifyId, p.productId]));
  const tag = `launch-${launchId}-preview-${now.getTime()}`;
  const unlisted = await bulkRounds(client, [...idOf.keys()], (gids, round) =>
    bulkPerProduct(
      client,
      SET_STATUS,
      "productUpdate",
      gids,
      (id) => ({ product: { id, status: "UNLISTED" } }),
      (p) => (p.product as { status?: string } | null)?.status === "UNLISTED",
      `${tag}-status-${round}`,
    ),
  );
  const links = new Map<string, string>();
  const published = await bulkRounds(
    client,
    [...unlisted.done.keys()],
    (gids, round) =>
      bulkPerProduct(
        client,
        PUBLISH_PREVIEW,
        "publishablePublish",
        gids,
        (id) => ({ id, input: [{ publicationId: store }] }),
        (p) => {
          // Accepted only with the link Shopify answered, which is what the page shows.
          const product = p.publishable as {
            id?: string;
            onlineStoreUrl?: string | null;
          } | null;
          if (!product?.id || !product.onlineStoreUrl) return false;
          links.set(idOf.get(product.id)!, product.onlineStoreUrl);
          return true;
        },
        `${tag}-publish-${round}`,
      ),
  );
  await recordPreviews(shop, launchId, links);
  const failures = [...unlisted.failed.values(), ...published.failed.values()];
  await updateLaunch(shop, launchId, {
    error: failures.length
      ? `${failures.length} product(s) could not be previewed: ${failures[0]}`.slice(
          0,
          1000,
        )
      : null,
  });
  return { previewed: links.size, failed: failures.length };
}
