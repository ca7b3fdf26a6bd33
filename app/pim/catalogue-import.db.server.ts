// The catalogue import's own rows: its progress (CatalogueImport, what the products page shows while the mirror
// fills) and, once complete, the mirror rows it did not touch removed.
import db from "~/db.server";

export async function startCatalogueImport(shop: string) {
  return db.catalogueImport.create({
    data: { shop },
    select: { id: true, startedAt: true },
  });
}

export async function updateCatalogueImport(
  shop: string,
  id: string,
  data: {
    status?: "RUNNING" | "COMPLETED" | "FAILED";
    bulkOperationId?: string;
    totalObjects?: number | null;
    linesRead?: number;
    products?: number;
    variants?: number;
    removed?: number;
    error?: string | null;
    finishedAt?: Date;
  },
): Promise<void> {
  await db.catalogueImport.updateMany({ where: { shop, id }, data });
}

export async function latestCatalogueImport(shop: string) {
  return db.catalogueImport.findFirst({
    where: { shop },
    orderBy: { startedAt: "desc" },
  });
}

/**
 * After a complete import: products and variants the import did not touch no longer exist in Shopify (deleted
 * while no webhook reached us). Returns how many products were removed.
 */
export async function removeUnseenSince(
  shop: string,
  since: Date,
): Promise<number> {
  await db.variant.deleteMany({ where: { shop, updatedAt: { lt: since } } });
  const { count } = await db.product.deleteMany({
    where: { shop, updatedAt: { lt: since } },
  });
  return count;
}
