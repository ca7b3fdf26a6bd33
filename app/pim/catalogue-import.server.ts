// Catalogue import: one bulk operation over every product and variant of the shop, its JSONL result streamed
// line by line (https://shopify.dev/docs/api/usage/bulk-operations/queries): a product line, then its variants
// as lines carrying `__parentId`. Nothing holds the whole file; rows are written in batches, progress is stored.
// Running the bulk operation and reading its result is catalogue-bulk.server.ts.
import { Upstream } from "~/lib/errors";
import type { AdminClient } from "~/shopify/admin-client.server";
import { assignFamilies } from "./attributes.db.server";
import { remoteLines, runCatalogueBulkQuery } from "./catalogue-bulk.server";
import {
  toMirrorProduct,
  toMirrorVariant,
  type ProductLine,
  type VariantLine,
} from "./catalogue-lines";
import { recomputeAllCompleteness } from "./completeness.db.server";
import {
  removeUnseenSince,
  startCatalogueImport,
  updateCatalogueImport,
} from "./catalogue-import.db.server";
import {
  finishMirrorProducts,
  upsertMirrorProducts,
  upsertMirrorVariants,
  type MirrorProduct,
} from "./mirror.db.server";

const BATCH = 250;

export interface ImportCounts {
  lines: number;
  products: number;
  variants: number;
}

/**
 * Writes a JSONL stream of product and variant lines into the mirror, in batches. A variant's product line
 * always comes before it (Shopify's order); a variant whose product is not known yet waits in the batch.
 */
export async function importCatalogueLines(
  shop: string,
  lines: AsyncIterable<string>,
  onProgress: (counts: ImportCounts) => Promise<void> = async () => {},
): Promise<ImportCounts> {
  const counts: ImportCounts = { lines: 0, products: 0, variants: 0 };
  const known = new Map<string, string>();
  let products: MirrorProduct[] = [];
  let variants: (VariantLine & { parent: string })[] = [];
  const touched: string[] = [];

  const flush = async () => {
    const ids = await upsertMirrorProducts(shop, products);
    for (const [gid, id] of ids) known.set(gid, id);
    touched.push(...ids.values());
    counts.products += products.length;
    products = [];
    const ready = variants.filter((v) => known.has(v.parent));
    variants = variants.filter((v) => !known.has(v.parent));
    await upsertMirrorVariants(
      shop,
      ready.map((v) => ({
        ...toMirrorVariant(v),
        productId: known.get(v.parent)!,
      })),
    );
    counts.variants += ready.length;
    // Digests and search text need every variant of a product; only products whose variants may still come
    // (the last ones of this batch) wait for the next flush.
    const settled = touched.splice(0, Math.max(0, touched.length - 1));
    await finishMirrorProducts(shop, settled);
    await onProgress(counts);
  };

  for await (const raw of lines) {
    if (!raw.trim()) continue;
    counts.lines += 1;
    const line = JSON.parse(raw) as { id?: string; __parentId?: string };
    if (line.__parentId) {
      if (line.id?.startsWith("gid://shopify/ProductVariant/"))
        variants.push({ ...(line as VariantLine), parent: line.__parentId });
    } else if (line.id?.startsWith("gid://shopify/Product/")) {
      products.push(toMirrorProduct(line as ProductLine));
    }
    if (products.length + variants.length >= BATCH) await flush();
  }
  await flush();
  await finishMirrorProducts(shop, touched);
  if (variants.length)
    throw new Upstream(
      `bulk result had ${variants.length} variants without their product`,
      false,
    );
  return counts;
}

/**
 * Imports every product and variant of the shop into the mirror and removes what Shopify no longer has.
 * Idempotent (a re-run converges to Shopify's state); progress is readable with latestCatalogueImport.
 * Throws `Upstream` when Shopify fails (the import row says FAILED).
 */
export async function importCatalogue(
  shop: string,
  client: AdminClient,
  options: { pollMs?: number } = {},
): Promise<{ importId: string } & ImportCounts & { removed: number }> {
  const since = new Date();
  const run = await startCatalogueImport(shop);
  try {
    const bulk = await runCatalogueBulkQuery(client, {
      pollMs: options.pollMs,
      onStatus: (bulkOperationId, objects) =>
        updateCatalogueImport(shop, run.id, {
          bulkOperationId,
          totalObjects: objects,
        }),
    });
    const counts = bulk.url
      ? await importCatalogueLines(shop, remoteLines(bulk.url), (c) =>
          updateCatalogueImport(shop, run.id, {
            linesRead: c.lines,
            products: c.products,
            variants: c.variants,
          }),
        )
      : { lines: 0, products: 0, variants: 0 };
    const removed = await removeUnseenSince(shop, since);
    await assignFamilies(shop);
    await recomputeAllCompleteness(shop);
    await updateCatalogueImport(shop, run.id, {
      status: "COMPLETED",
      totalObjects: bulk.objectCount,
      linesRead: counts.lines,
      products: counts.products,
      variants: counts.variants,
      removed,
      finishedAt: new Date(),
    });
    return { importId: run.id, ...counts, removed };
  } catch (error) {
    await updateCatalogueImport(shop, run.id, {
      status: "FAILED",
      error: (error as Error).message,
      finishedAt: new Date(),
    });
    throw error;
  }
}
