// The product page's images: every asset linked to the product, in the storefront's order (position), with its
// role, the variants it shows on and a thumbnail of the version the channels show.
import db from "~/db.server";
import { renditionUrl } from "~/dam/library.server";
import type { ProductImage } from "./product-images";

export type { ProductImage } from "./product-images";

/** The product's linked assets, one row per asset and role, in order. Read-only; [] for another shop's product. */
export async function productImages(
  shop: string,
  productId: string,
): Promise<ProductImage[]> {
  const links = await db.assetLink.findMany({
    where: { shop, productId },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    include: {
      asset: {
        select: {
          id: true,
          title: true,
          status: true,
          currentVersion: {
            select: {
              number: true,
              sha256: true,
              mime: true,
              renditionsReadyAt: true,
            },
          },
        },
      },
    },
  });
  const variantIds = links.map((l) => l.variantId).filter(Boolean);
  const variants = variantIds.length
    ? await db.variant.findMany({
        where: { shop, productId, id: { in: variantIds } },
        select: { id: true, title: true },
      })
    : [];
  const titleOf = new Map(variants.map((v) => [v.id, v.title]));
  const rows = new Map<string, ProductImage>();
  const whole = new Set<string>();
  for (const link of links) {
    const key = `${link.assetId}:${link.role}`;
    const version = link.asset.currentVersion;
    const row = rows.get(key) ?? {
      assetId: link.asset.id,
      title: link.asset.title,
      status: link.asset.status,
      role: link.role,
      position: link.position,
      variants: [],
      versionNumber: version?.number ?? null,
      thumbnailUrl: version ? renditionUrl(shop, version, "thumb") : null,
    };
    const variant = titleOf.get(link.variantId);
    if (link.variantId === "") whole.add(key);
    else if (variant) row.variants.push(variant);
    rows.set(key, row);
  }
  return [...rows.entries()].map(([key, row]) =>
    whole.has(key) ? { ...row, variants: [] } : row,
  );
}
