// What the demo (and a first-time merchant) needs from the PIM: the apparel attribute set and a catalogue import.
import { enqueue } from "~/jobs/enqueue.server";
import { adminClientFor } from "~/shopify/admin-client.server";
import { seedApparelAttributes } from "./apparel-seed.server";
import { importCatalogue as importWith } from "./catalogue-import.server";
import { recomputeAllCompleteness } from "./values.db.server";

/** Imports the shop's catalogue now, in this process (the demo script); same as the `catalogue.import` job. */
export async function importCatalogue(shop: string) {
  return importWith(shop, await adminClientFor(shop));
}

/** Queues a catalogue import on the worker. Idempotent while one is queued or running. */
export async function queueCatalogueImport(shop: string): Promise<string> {
  return enqueue("catalogue.import", { shop });
}

/** Seeds the apparel attributes and families and recomputes completeness. Idempotent. */
export async function setUpApparelPim(shop: string): Promise<void> {
  await seedApparelAttributes(shop);
  await recomputeAllCompleteness(shop);
}
