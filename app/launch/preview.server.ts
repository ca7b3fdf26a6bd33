// The UNLISTED preview of a launch (issue #14): while the embargo holds, the launch's hidden products become
// UNLISTED in Shopify (2026-10: a shopper with the direct link can open the product page; it is never listed,
// searched or in a collection) and published to the Online Store only, so the merchant can share a private link
// per product. Feeds and the marketplace stay gated (LaunchProduct.embargoed), go-live flips the products ACTIVE as
// usual and a rollback puts back the status they had before the preview. Ending the preview before go-live puts
// that status back too and unpublishes the products from the Online Store; a previewed launch is not deleted
// until its preview ended.
import { enqueue, jobPending } from "~/jobs/enqueue.server";
import { Conflict } from "~/lib/errors";
import { adminClientFor } from "~/shopify/admin-client.server";
import {
  findLaunch,
  updateLaunch,
  type LaunchRecord,
} from "./launch.db.server";
import { launchProducts, rememberPriorStatus } from "./launch-pairs.db.server";
import {
  endPreviews,
  previewedProducts,
  recordPreviews,
} from "./preview.db.server";
import type { LaunchStatus } from "./launch.schema";
import {
  bulkPerProduct,
  onlineStorePublication,
  PUBLISH_PREVIEW,
  UNPUBLISH,
} from "./launch-shopify.server";
import { bulkRounds, bulkSetStatus, releaseGatedPairs } from "./release.server";

const BEFORE_GO_LIVE: readonly LaunchStatus[] = ["DRAFT", "STAGING", "STAGED"];

/**
 * Records the merchant's word (Preview or End preview) and queues the job, before go-live. The jobs read that word
 * under the launch's lock, so the last click wins whichever job runs first. Throws Conflict once go-live started,
 * NotFound.
 */
async function askWorker(
  job: "launch.preview" | "launch.end-preview",
  shop: string,
  launchId: string,
): Promise<void> {
  const launch = await findLaunch(shop, launchId);
  if (!BEFORE_GO_LIVE.includes(launch.status))
    throw new Conflict(
      `A ${launch.status.toLowerCase()} launch has no preview: it went live`,
    );
  await updateLaunch(shop, launchId, {
    previewWanted: job === "launch.preview",
  });
  await enqueue(job, { shop, launchId });
}

/** Asks for the preview (the worker makes it). */
export const previewLaunch = (shop: string, launchId: string) =>
  askWorker("launch.preview", shop, launchId);

/** Asks to end the preview (the worker does it). */
export const endPreview = (shop: string, launchId: string) =>
  askWorker("launch.end-preview", shop, launchId);

/**
 * The preview work asked for and not yet done (its job waits, retries or runs), named by the merchant's latest
 * word, for the launch page to follow; null after go-live, or when Redis cannot say (the page just stops looking).
 */
export async function previewWork(
  shop: string,
  launch: Pick<LaunchRecord, "id" | "status" | "previewWanted">,
): Promise<"preview" | "end-preview" | null> {
  if (!BEFORE_GO_LIVE.includes(launch.status)) return null;
  const payload = { shop, launchId: launch.id };
  try {
    const pending =
      (await jobPending("launch.preview", payload)) ||
      (await jobPending("launch.end-preview", payload));
    if (!pending) return null;
  } catch {
    return null;
  }
  return launch.previewWanted === false ? "end-preview" : "preview";
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
  // End preview was clicked after this job was asked for: the merchant's last word wins.
  if (launch.previewWanted === false) return { skipped: "preview ended" };
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
  const unlisted = await bulkSetStatus(
    client,
    [...idOf.keys()],
    () => "UNLISTED",
    tag,
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
  // A launch previewed before staging: the gate held its storefront media for staging's bulk step; the previewed
  // pages show them now (the per-pair path uploads them), staging later finds them done.
  await releaseGatedPairs(shop, [...links.keys()]);
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

/**
 * The worker side of ending a preview: bulk `publishableUnpublish` from the Online Store and bulk `productUpdate`
 * back to the status before the preview (DRAFT when unknown), each retried line by line; a product whose lines
 * both went through loses its link. Idempotent: a failed product keeps its link and the next run retries it.
 */
export async function endPreviewProducts(
  shop: string,
  launchId: string,
  now = new Date(),
): Promise<{ ended: number; failed: number } | { skipped: string }> {
  const launch = await findLaunch(shop, launchId);
  if (!BEFORE_GO_LIVE.includes(launch.status))
    return { skipped: launch.status };
  // Preview was clicked again after this job was asked for: the merchant's last word wins.
  if (launch.previewWanted === true) return { skipped: "previewed again" };
  const products = await previewedProducts(shop, launchId);
  if (products.length === 0) return { ended: 0, failed: 0 };
  const client = await adminClientFor(shop);
  const store = await onlineStorePublication(client);
  const byGid = new Map(products.map((p) => [p.gid, p]));
  const tag = `launch-${launchId}-end-preview-${now.getTime()}`;
  const [unpublished, hidden] = await Promise.all([
    store
      ? bulkRounds(client, [...byGid.keys()], (gids, round) =>
          bulkPerProduct(
            client,
            UNPUBLISH,
            "publishableUnpublish",
            gids,
            (id) => ({ id, input: [{ publicationId: store }] }),
            () => true,
            `${tag}-unpublish-${round}`,
          ),
        )
      : null,
    bulkSetStatus(
      client,
      [...byGid.keys()],
      (gid) => byGid.get(gid)!.status,
      tag,
    ),
  ]);
  const ended = products.filter(
    (p) =>
      hidden.done.has(p.gid) && (!unpublished || unpublished.done.has(p.gid)),
  );
  await endPreviews(shop, launchId, ended);
  const failures = [
    ...(unpublished?.failed.values() ?? []),
    ...hidden.failed.values(),
  ];
  await updateLaunch(shop, launchId, {
    error: failures.length
      ? `${products.length - ended.length} product(s) are still in preview: ${failures[0]}`.slice(
          0,
          1000,
        )
      : null,
  });
  return { ended: ended.length, failed: products.length - ended.length };
}
