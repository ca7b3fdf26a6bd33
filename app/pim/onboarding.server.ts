// Getting a shop's PIM going: the apparel attribute set and the catalogue import. Used by the products and
// attributes pages (a first-time merchant) and by the demo script.
import { enqueue } from "~/jobs/enqueue.server";
import { adminClientFor } from "~/shopify/admin-client.server";
import { seedApparelAttributes } from "./apparel-seed.server";
import { importCatalogue as importWith } from "./catalogue-import.server";
import { recomputeAllCompleteness } from "./completeness.db.server";

/** Imports the shop's catalogue now, in this process (the demo script); same as the `catalogue.import` job. */
export async function importCatalogue(shop: string) {
  return importWith(shop, await adminClientFor(shop));
}

/**
 * Queues a catalogue import on the worker. Idempotent while one is queued or running (the install's and the
 * daily reconcile's imports are the same job: jobs/job-ids.ts). Throws `Upstream` when Redis is unreachable.
 */
export async function queueCatalogueImport(shop: string): Promise<string> {
  return enqueue("catalogue.import", { shop });
}

/** Seeds the apparel attributes and families and recomputes completeness. Idempotent. */
export async function setUpApparelPim(shop: string): Promise<void> {
  await seedApparelAttributes(shop);
  await recomputeAllCompleteness(shop);
}
