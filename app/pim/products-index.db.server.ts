// The products index query: search, filters (family, completeness per channel, approval status, vendor, type),
// sort and pages. Shop-scoped; every filter column is indexed with the shop first.
import { z } from "zod";
import db, { type Prisma } from "~/db.server";
import { channel } from "./channels";

const PAGE_SIZE = 50;

const productsIndexQuery = z.object({
  q: z.string().trim().max(200).optional(),
  familyId: z.string().max(40).optional(),
  status: z.enum(["DRAFT", "APPROVED", "PENDING"]).optional(),
  vendor: z.string().max(200).optional(),
  productType: z.string().max(200).optional(),
  channel: channel.default("SHOPIFY_STOREFRONT"),
  completeness: z.enum(["complete", "incomplete"]).optional(),
  sort: z.enum(["title", "updated"]).default("title"),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type ProductsIndexQuery = z.infer<typeof productsIndexQuery>;

/** Parses URL search params into the index query; unknown or bad values fall back to defaults. */
export function parseProductsIndexQuery(
  params: URLSearchParams,
): ProductsIndexQuery {
  const raw = Object.fromEntries(
    [...params.entries()].filter(([, v]) => v !== ""),
  );
  const parsed = productsIndexQuery.safeParse(raw);
  return parsed.success ? parsed.data : productsIndexQuery.parse({});
}

/** The shop-scoped Prisma filter of an index query (also used by the spreadsheet export). */
export function productsWhere(shop: string, query: ProductsIndexQuery) {
  const where: Prisma.ProductWhereInput = { shop };
  if (query.q) where.searchText = { contains: query.q.toLowerCase() };
  if (query.familyId)
    where.familyId = query.familyId === "none" ? null : query.familyId;
  if (query.status) where.pimStatus = query.status;
  if (query.vendor) where.vendor = query.vendor;
  if (query.productType) where.productType = query.productType;
  if (query.completeness)
    where.completeness = {
      some: {
        channel: query.channel,
        percent: query.completeness === "complete" ? 100 : { lt: 100 },
      },
    };
  return where;
}

export interface ProductsIndexRow {
  id: string;
  title: string;
  handle: string;
  vendor: string | null;
  productType: string | null;
  status: string;
  pimStatus: string;
  familyName: string | null;
  variants: number;
  completeness: Record<string, number>;
}

/** One page of the index plus whether another follows (no COUNT(*): it is what makes deep pages slow). */
export async function listProducts(
  shop: string,
  query: ProductsIndexQuery,
): Promise<{ rows: ProductsIndexRow[]; hasNext: boolean }> {
  const rows = await db.product.findMany({
    where: productsWhere(shop, query),
    orderBy:
      query.sort === "updated"
        ? [{ updatedAt: "desc" }, { id: "desc" }]
        : [{ title: "asc" }, { id: "asc" }],
    skip: (query.page - 1) * PAGE_SIZE,
    take: PAGE_SIZE + 1,
    select: {
      id: true,
      title: true,
      handle: true,
      vendor: true,
      productType: true,
      status: true,
      pimStatus: true,
      family: { select: { name: true } },
      completeness: { select: { channel: true, percent: true } },
    },
  });
  // Counted for the page only: Prisma's `_count` include aggregates every variant of the shop first.
  const counts = await db.variant.groupBy({
    by: ["productId"],
    where: { shop, productId: { in: rows.map((r) => r.id) } },
    _count: { _all: true },
  });
  const variants = new Map(counts.map((c) => [c.productId, c._count._all]));
  return {
    hasNext: rows.length > PAGE_SIZE,
    rows: rows.slice(0, PAGE_SIZE).map((r) => ({
      id: r.id,
      title: r.title,
      handle: r.handle,
      vendor: r.vendor,
      productType: r.productType,
      status: r.status,
      pimStatus: r.pimStatus,
      familyName: r.family?.name ?? null,
      variants: variants.get(r.id) ?? 0,
      completeness: Object.fromEntries(
        r.completeness.map((c) => [c.channel, c.percent]),
      ),
    })),
  };
}

/** Vendors and product types present in the shop's catalogue, for the filter choices. */
export async function productFacets(
  shop: string,
): Promise<{ vendors: string[]; productTypes: string[] }> {
  const [vendors, types] = await Promise.all([
    db.product.findMany({
      where: { shop, vendor: { not: null } },
      distinct: ["vendor"],
      select: { vendor: true },
      orderBy: { vendor: "asc" },
      take: 200,
    }),
    db.product.findMany({
      where: { shop, productType: { not: null } },
      distinct: ["productType"],
      select: { productType: true },
      orderBy: { productType: "asc" },
      take: 200,
    }),
  ]);
  return {
    vendors: vendors.map((v) => v.vendor!),
    productTypes: types.map((t) => t.productType!),
  };
}

export async function countProducts(shop: string): Promise<number> {
  return db.product.count({ where: { shop } });
}
