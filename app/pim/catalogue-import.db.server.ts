// The catalogue import's progress rows (CatalogueImport): what the products page shows while the mirror fills.
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
