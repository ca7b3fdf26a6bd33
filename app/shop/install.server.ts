// What happens when a shop installs (or reinstalls) Vitrine.
import { enqueue } from "~/jobs/enqueue.server";
import { upsertInstalledShop } from "./shop.db.server";

/**
 * Records the install and queues the shop-details sync and the catalogue import. Idempotent. Called from afterAuth, so it only writes
 * one row and one job; throws `Upstream` when Redis is down (auth then fails visibly rather than half-installs).
 */
export async function recordInstall(shop: string): Promise<void> {
  await upsertInstalledShop(shop);
  await enqueue("shop.sync-details", { shop });
  // PIM: the first install brings the catalogue in (one import at a time per shop: see jobs/job-ids.ts).
  await enqueue("catalogue.import", { shop });
}
