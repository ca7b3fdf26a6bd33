// Prisma access for the localised Google feeds: the items the shop's Google feed serves, with the product and
// variant each belongs to (the same "served" rule as feed.db.server.ts: ACTIVE products, items with an image).
import db from "~/db.server";
import { googleItemColumn, type GoogleItem } from "./google-feed";

export interface ServedGoogleRow {
  productId: string;
  variantId: string;
  productTitle: string;
  variantTitle: string | null;
  item: GoogleItem;
}

export async function servedGoogleRows(
  shop: string,
): Promise<ServedGoogleRow[]> {
  const rows = await db.feedItem.findMany({
    where: { shop, channel: "GOOGLE_MERCHANT", product: { status: "ACTIVE" } },
    orderBy: [{ productId: "asc" }, { variantId: "asc" }],
    select: {
      productId: true,
      variantId: true,
      item: true,
      product: { select: { title: true } },
    },
  });
  const variants = new Map(
    (
      await db.variant.findMany({
        where: { shop, id: { in: rows.map((r) => r.variantId) } },
        select: { id: true, title: true },
      })
    ).map((v) => [v.id, v.title]),
  );
  return rows
    .map((r) => ({
      productId: r.productId,
      variantId: r.variantId,
      productTitle: r.product.title,
      variantTitle: variants.get(r.variantId) ?? null,
      item: googleItemColumn(r.item),
    }))
    .filter((r) => r.item.imageLink);
}
