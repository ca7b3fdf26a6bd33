// What the Shopify storefront should show for one product, computed from the approved data only: the approved,
// currently licensed assets linked to it (product-level first, then per variant), each variant's image (its first
// image), each variant's gallery, and the PIM's approved values as app metafields.
import db from "~/db.server";
import { NotFound } from "~/lib/errors";
import { listAttributes } from "~/pim/attributes.db.server";
import type { DesiredMetafield } from "~/pim/metafields";
import { desiredMetafields } from "~/pim/publish.server";
import { digestOf, licensed } from "../canonical";
import type { DesiredState } from "../channels/adapter";
import { describeFailures } from "../preflight";
import { storefrontRendition } from "./rendition.server";
import { desiredSpin, type DesiredSpin } from "./spin-files.db.server";

export interface DesiredAsset {
  assetId: string;
  versionId: string;
  title: string;
  alt: string;
}

export interface StorefrontDesired extends DesiredState {
  productId: string;
  productGid: string;
  variantGids: string[];
  assets: DesiredAsset[];
  /** Asset ids on the product's media, in order. */
  media: string[];
  /** Variant GID → the asset shown as its image (null: no image of ours). */
  variantImage: Record<string, string | null>;
  /** Variant GID → its full gallery (asset ids), written to the `$app.gallery` metafield. */
  gallery: Record<string, string[]>;
  /** The PIM's approved values, as app metafields (none when the product has no approved values). */
  metafields: DesiredMetafield[];
  /** The product's 360° spin (the first linked spin asset), written to `$app.spin` (spin-files.server.ts). */
  spin: DesiredSpin | null;
}

/** The DAM's alt text in the shop's primary language (then English, then any), else the asset's title. */
export function altTextFor(
  primaryLocale: string,
  byLocale: unknown,
  title: string,
): string {
  const texts = (byLocale ?? {}) as Record<string, string>;
  return (
    texts[primaryLocale] ||
    texts[primaryLocale.split("-")[0] ?? ""] ||
    texts.en ||
    Object.values(texts).find(Boolean) ||
    title
  ).slice(0, 512);
}

/** The storefront's desired state for one product. Throws `NotFound` for another shop's product. */
export async function storefrontDesired(
  shop: string,
  productId: string,
  now = new Date(),
): Promise<StorefrontDesired> {
  const product = await db.product.findFirst({
    where: { shop, id: productId },
    select: {
      id: true,
      shopifyId: true,
      variants: {
        select: { id: true, shopifyId: true },
        orderBy: { position: "asc" },
      },
    },
  });
  if (!product) throw new NotFound(`product ${productId} not found`);
  const links = await db.assetLink.findMany({
    where: {
      shop,
      productId,
      asset: { status: "APPROVED", currentVersionId: { not: null } },
    },
    include: {
      asset: {
        select: {
          id: true,
          title: true,
          kind: true,
          altText: true,
          currentVersionId: true,
          validFrom: true,
          validUntil: true,
        },
      },
    },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
  });
  const shown = links.filter((l) => licensed(l.asset, now));
  const shopRow = await db.shop.findUnique({
    where: { shop },
    select: { primaryLocale: true },
  });
  const primary = shopRow?.primaryLocale ?? "en";
  const assets = new Map<string, DesiredAsset>();
  for (const link of shown)
    assets.set(link.assetId, {
      assetId: link.assetId,
      versionId: link.asset.currentVersionId!,
      title: link.asset.title,
      alt: altTextFor(primary, link.asset.altText, link.asset.title),
    });

  // Pre-flight of the storefront rendition (size and pixel limits): a failing image blocks the product here.
  const failures: string[] = [];
  // Videos and 3D models go to Shopify as they are (media-files.server.ts): no image rendition to check.
  const stillOnly = new Set(
    shown.filter((l) => l.asset.kind === "IMAGE").map((l) => l.assetId),
  );
  for (const asset of assets.values()) {
    if (!stillOnly.has(asset.assetId)) continue;
    const rendition = await storefrontRendition(shop, asset.assetId);
    if (rendition && !rendition.preflight.passed)
      failures.push(
        describeFailures(asset.title, rendition.preflight.failures) ?? "",
      );
  }

  const media = [
    ...new Set([
      ...shown.filter((l) => l.variantId === "").map((l) => l.assetId),
      ...shown.filter((l) => l.variantId !== "").map((l) => l.assetId),
    ]),
  ];
  const variantImage: Record<string, string | null> = {};
  const gallery: Record<string, string[]> = {};
  for (const variant of product.variants) {
    const own = [
      ...new Set(
        shown.filter((l) => l.variantId === variant.id).map((l) => l.assetId),
      ),
    ];
    // Shopify's variant media is an image: a variant's first image, never its video or 3D model.
    variantImage[variant.shopifyId] =
      own.find((assetId) => stillOnly.has(assetId)) ?? null;
    gallery[variant.shopifyId] = own;
  }
  const attributes = await listAttributes(shop);
  const metafields =
    (await desiredMetafields(shop, productId, attributes)) ?? [];
  const content = {
    assets: [...assets.values()].map((a) => [a.assetId, a.versionId, a.alt]),
    media,
    variantImage,
    gallery,
    metafields: metafields.map((m) => [
      m.ownerShopifyId,
      m.key,
      m.type,
      m.value,
    ]),
  };
  return {
    digest: digestOf(content),
    blocked: failures.length > 0 ? failures.filter(Boolean).join(" · ") : null,
    versionIds: new Set([...assets.values()].map((a) => a.versionId)),
    variants: product.variants.length,
    productId,
    productGid: product.shopifyId,
    variantGids: product.variants.map((v) => v.shopifyId),
    assets: [...assets.values()],
    media,
    variantImage,
    gallery,
    metafields,
    spin: await desiredSpin(
      shop,
      media.map((assetId) => assets.get(assetId)!),
    ),
  };
}
