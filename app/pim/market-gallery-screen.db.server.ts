// What the per-market gallery screen shows of a product: its variants, the approved images linked to it (the only
// ones a market gallery may show, see market-galleries.db.server.ts) and the galleries already chosen.
import db from "~/db.server";
import { NotFound } from "~/lib/errors";

export interface MarketGalleryScreen {
  product: { id: string; title: string };
  variants: { id: string; title: string; sku: string | null }[];
  images: { id: string; title: string }[];
  /** Chosen galleries: `${variantId} ${marketId}` → asset ids in order. */
  galleries: Record<string, string[]>;
}

/** The screen's data for the shop's product. Throws `NotFound` for another shop's product. */
export async function marketGalleryScreen(
  shop: string,
  productId: string,
): Promise<MarketGalleryScreen> {
  const product = await db.product.findFirst({
    where: { shop, id: productId },
    select: {
      id: true,
      title: true,
      variants: {
        select: { id: true, title: true, sku: true },
        orderBy: { position: "asc" },
      },
    },
  });
  if (!product) throw new NotFound(`product ${productId} not found`);
  const [links, rows] = await Promise.all([
    db.assetLink.findMany({
      where: {
        shop,
        productId,
        asset: { status: "APPROVED", kind: "IMAGE" },
      },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { asset: { select: { id: true, title: true } } },
    }),
    db.marketGallery.findMany({ where: { shop, productId } }),
  ]);
  const images = [...new Map(links.map((l) => [l.asset.id, l.asset])).values()];
  return {
    product: { id: product.id, title: product.title },
    variants: product.variants,
    images,
    galleries: Object.fromEntries(
      rows.map((r) => [`${r.variantId} ${r.marketId}`, r.assetIds as string[]]),
    ),
  };
}
