// Catalogue import: one bulk operation over every product and variant of the shop, its JSONL result streamed
// line by line (https://shopify.dev/docs/api/usage/bulk-operations/queries): a product line, then its variants
// as lines carrying `__parentId`. Nothing holds the whole file; rows are written in batches, progress is stored.
import { Readable } from "node:stream";
import { createInterface } from "node:readline";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { Upstream } from "~/lib/errors";
import type { AdminClient } from "~/shopify/admin-client.server";
import { assertNoUserErrors } from "~/shopify/admin-graphql.server";
import { shopifyFetch } from "~/shopify/api-origin.server";
import { assignFamilies } from "./attributes.db.server";
import { recomputeAllCompleteness } from "./completeness.db.server";
import {
  finishMirrorProducts,
  removeUnseenSince,
  startCatalogueImport,
  updateCatalogueImport,
  upsertMirrorProducts,
  upsertMirrorVariants,
  type MirrorProduct,
  type MirrorVariant,
} from "./mirror.db.server";

// The bulk query itself: no variables, connections without `first` (bulk operations page internally).
export const CATALOGUE_BULK_QUERY = `#graphql
  query CatalogueBulkProducts {
    products {
      edges {
        node {
          id
          handle
          title
          descriptionHtml
          vendor
          productType
          status
          tags
          updatedAt
          category {
            id
          }
          variants {
            edges {
              node {
                id
                title
                sku
                barcode
                price
                compareAtPrice
                position
                availableForSale
                selectedOptions {
                  name
                  value
                }
              }
            }
          }
        }
      }
    }
  }
`;

const RUN_BULK = `#graphql
  mutation CatalogueBulkRun($query: String!) {
    bulkOperationRunQuery(query: $query) {
      bulkOperation {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const BULK_STATUS = `#graphql
  query CatalogueBulkStatus($id: ID!) {
    bulkOperation(id: $id) {
      id
      status
      errorCode
      objectCount
      rootObjectCount
      url
    }
  }
`;

const BATCH = 250;

export interface ProductLine {
  id: string;
  handle: string;
  title: string;
  descriptionHtml?: string | null;
  vendor?: string | null;
  productType?: string | null;
  status: string;
  tags?: string[] | null;
  updatedAt?: string | null;
  category?: { id: string } | null;
}

export interface VariantLine {
  id: string;
  __parentId: string;
  title: string;
  sku?: string | null;
  barcode?: string | null;
  price?: string | null;
  compareAtPrice?: string | null;
  position?: number | null;
  availableForSale?: boolean | null;
  selectedOptions?: { name: string; value: string }[] | null;
}

export function toMirrorProduct(line: ProductLine): MirrorProduct {
  return {
    shopifyId: line.id,
    handle: line.handle,
    title: line.title,
    descriptionHtml: line.descriptionHtml ?? "",
    vendor: line.vendor || null,
    productType: line.productType || null,
    status: line.status,
    tags: line.tags ?? [],
    categoryId: line.category?.id ?? null,
    shopifyUpdatedAt: line.updatedAt ? new Date(line.updatedAt) : null,
  };
}

export function toMirrorVariant(
  line: Omit<VariantLine, "__parentId">,
): MirrorVariant {
  return {
    shopifyId: line.id,
    title: line.title,
    sku: line.sku || null,
    barcode: line.barcode || null,
    price: line.price ?? null,
    compareAtPrice: line.compareAtPrice ?? null,
    position: line.position ?? 0,
    selectedOptions: line.selectedOptions ?? [],
    availableForSale: line.availableForSale ?? true,
  };
}

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

/** Lines of a remote JSONL file, streamed. */
export async function* remoteLines(url: string): AsyncGenerator<string> {
  const response = await shopifyFetch(url);
  if (!response.ok || !response.body)
    throw new Upstream(`bulk result download failed: HTTP ${response.status}`);
  const reader = createInterface({
    input: Readable.fromWeb(response.body as WebReadableStream),
    crlfDelay: Infinity,
  });
  for await (const line of reader) yield line;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the bulk query and waits until Shopify finishes it; returns the result URL (null: empty shop). */
export async function runCatalogueBulkQuery(
  client: AdminClient,
  options: {
    pollMs?: number;
    onStatus?: (id: string, objects: number) => Promise<void>;
  } = {},
): Promise<{ id: string; url: string | null; objectCount: number }> {
  const started = await client.request(RUN_BULK, {
    query: CATALOGUE_BULK_QUERY,
  });
  assertNoUserErrors(
    "bulkOperationRunQuery",
    started.bulkOperationRunQuery?.userErrors ?? [],
  );
  const id = started.bulkOperationRunQuery!.bulkOperation!.id;
  let pollMs = options.pollMs ?? 250;
  for (;;) {
    const { bulkOperation } = await client.request(BULK_STATUS, { id });
    if (!bulkOperation) throw new Upstream(`bulk operation ${id} vanished`);
    const objects = Number(bulkOperation.objectCount ?? 0);
    await options.onStatus?.(id, objects);
    if (bulkOperation.status === "COMPLETED")
      return { id, url: bulkOperation.url ?? null, objectCount: objects };
    if (
      ["FAILED", "CANCELED", "CANCELING", "EXPIRED"].includes(
        bulkOperation.status,
      )
    )
      throw new Upstream(
        `bulk operation ${id} ${bulkOperation.status}: ${bulkOperation.errorCode ?? "no error code"}`,
      );
    await sleep(pollMs);
    pollMs = Math.min(pollMs * 2, 5_000);
  }
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
