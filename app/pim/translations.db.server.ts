// Prisma access for translations: what a product's content should read in each other locale (localisable PIM
// values, DAM alt text of the images Shopify shows) and the ProductTranslation rows of what Shopify holds.
import db from "~/db.server";
import { decodeValue, type AttributeValueData } from "./attribute-types";
import { metafieldValue } from "./metafields";
import { listAttributes, type Attribute } from "./attributes.db.server";
import { ANY } from "./channels";

export type TranslationStatus = "LIVE" | "OUTDATED" | "MISSING" | "PENDING";

export interface TranslationRow {
  resourceId: string;
  key: string;
  locale: string;
  /** "" for every market. */
  marketId: string;
  subject: string;
  /** The product, variant or file GID it belongs to. */
  owner: string;
  value: string | null;
  source: string | null;
  digest: string | null;
  status: TranslationStatus;
  origin: "VITRINE" | "SHOPIFY";
}

export interface LocalisedValue {
  ownerShopifyId: string;
  attributeKey: string;
  locale: string;
  /** The metafield value string (the same encoding as the primary value's). */
  value: string;
}

export interface LocalisedAlt {
  assetId: string;
  fileGid: string;
  locale: string;
  alt: string;
}

export interface TranslationSources {
  productGid: string;
  variantCount: number;
  attributes: Attribute[];
  values: LocalisedValue[];
  alts: LocalisedAlt[];
}

/** A DAM alt text in `locale` (then its language without region), or null. */
export function altIn(byLocale: unknown, locale: string): string | null {
  const texts = (byLocale ?? {}) as Record<string, string>;
  return (
    (texts[locale] || texts[locale.split("-")[0] ?? ""] || null)?.slice(
      0,
      512,
    ) ?? null
  );
}

/**
 * The product's content in `locales`: approved values of localisable attributes (the storefront's own value over
 * the every-channel one) and the alt text of its linked, approved images that have a Shopify file. Null for a
 * product of another shop.
 */
export async function translationSources(
  shop: string,
  productId: string,
  locales: readonly string[],
): Promise<TranslationSources | null> {
  const product = await db.product.findFirst({
    where: { shop, id: productId },
    select: {
      shopifyId: true,
      variants: { select: { id: true, shopifyId: true } },
      values: {
        where: {
          approved: { not: null },
          locale: { in: [...locales] },
          channel: { in: [ANY, "SHOPIFY_STOREFRONT"] },
        },
        select: {
          variantId: true,
          attributeId: true,
          locale: true,
          channel: true,
          approved: true,
        },
        orderBy: { channel: "asc" },
      },
      assetLinks: {
        where: { asset: { status: "APPROVED" } },
        select: { asset: { select: { id: true, altText: true } } },
      },
    },
  });
  if (!product) return null;
  const attributes = await listAttributes(shop);
  const byId = new Map(attributes.map((a) => [a.id, a]));
  const variantGid = new Map(product.variants.map((v) => [v.id, v.shopifyId]));
  const values = new Map<string, LocalisedValue>();
  // "*" sorts before channel names: the storefront's own value, read later, wins.
  for (const row of product.values) {
    const attribute = byId.get(row.attributeId);
    const decoded = decodeValue(row.approved);
    if (!attribute?.localisable || decoded === null) continue;
    const owner = row.variantId
      ? variantGid.get(row.variantId)
      : product.shopifyId;
    if (!owner) continue;
    values.set(`${owner}|${attribute.key}|${row.locale}`, {
      ownerShopifyId: owner,
      attributeKey: attribute.key,
      locale: row.locale,
      value: metafieldValue(attribute, decoded),
    });
  }
  const assets = new Map(product.assetLinks.map((l) => [l.asset.id, l.asset]));
  const files = await db.shopifyFile.findMany({
    where: { shop, assetId: { in: [...assets.keys()] } },
    select: { assetId: true, fileGid: true },
  });
  const alts: LocalisedAlt[] = [];
  for (const file of files)
    for (const locale of locales) {
      const alt = altIn(assets.get(file.assetId)?.altText, locale);
      if (alt)
        alts.push({
          assetId: file.assetId,
          fileGid: file.fileGid,
          locale,
          alt,
        });
    }
  return {
    productGid: product.shopifyId,
    variantCount: product.variants.length,
    attributes,
    values: [...values.values()],
    alts,
  };
}

/** The product's stored translation rows. */
export async function storedTranslations(shop: string, productId: string) {
  return db.productTranslation.findMany({
    where: { shop, productId },
    orderBy: [{ locale: "asc" }, { subject: "asc" }],
  });
}

/** Replaces the product's rows with what the last run saw (one transaction). */
export async function saveTranslationRows(
  shop: string,
  productId: string,
  rows: readonly TranslationRow[],
  now = new Date(),
): Promise<void> {
  const keep = rows.map((r) => ({
    resourceId: r.resourceId,
    key: r.key,
    locale: r.locale,
    marketId: r.marketId,
  }));
  await db.$transaction([
    db.productTranslation.deleteMany({
      where: {
        shop,
        productId,
        ...(keep.length ? { NOT: { OR: keep } } : {}),
      },
    }),
    ...rows.map((row) =>
      db.productTranslation.upsert({
        where: {
          shop_resourceId_key_locale_marketId: {
            shop,
            resourceId: row.resourceId,
            key: row.key,
            locale: row.locale,
            marketId: row.marketId,
          },
        },
        create: { shop, productId, ...row, checkedAt: now },
        update: { productId, ...row, checkedAt: now },
      }),
    ),
  ]);
}

/** Shopify translations read back for the products (the merchant's title/description), by product id and locale. */
export async function productTextTranslations(
  shop: string,
  productIds: readonly string[],
  locale: string,
): Promise<Map<string, { title?: string; body_html?: string }>> {
  const rows = await db.productTranslation.findMany({
    where: {
      shop,
      productId: { in: [...productIds] },
      locale,
      subject: { in: ["product:title", "product:body_html"] },
      value: { not: null },
    },
    select: { productId: true, key: true, value: true },
  });
  const out = new Map<string, { title?: string; body_html?: string }>();
  for (const row of rows) {
    const texts = out.get(row.productId) ?? {};
    texts[row.key as "title" | "body_html"] = row.value!;
    out.set(row.productId, texts);
  }
  return out;
}

export interface LocalisedProductValues {
  product: Record<string, AttributeValueData>;
  /** Our variant id → its own values. */
  variants: Record<string, Record<string, AttributeValueData>>;
}

/**
 * The approved values of localisable attributes in `locale` for `channel` (its own value over the every-channel
 * one), by product id. Products of other shops are absent.
 */
export async function localisedValues(
  shop: string,
  productIds: readonly string[],
  locale: string,
  channel: string,
): Promise<Map<string, LocalisedProductValues>> {
  const attributes = new Map(
    (await listAttributes(shop))
      .filter((a) => a.localisable)
      .map((a) => [a.id, a.key]),
  );
  const rows = await db.attributeValue.findMany({
    where: {
      shop,
      productId: { in: [...productIds] },
      locale,
      channel: { in: [ANY, channel] },
      approved: { not: null },
      attributeId: { in: [...attributes.keys()] },
    },
    select: {
      productId: true,
      variantId: true,
      attributeId: true,
      channel: true,
      approved: true,
    },
  });
  rows.sort((a, b) => Number(a.channel !== ANY) - Number(b.channel !== ANY));
  const out = new Map<string, LocalisedProductValues>();
  for (const row of rows) {
    const decoded = decodeValue(row.approved);
    const key = attributes.get(row.attributeId);
    if (decoded === null || !key) continue;
    const entry = out.get(row.productId) ?? { product: {}, variants: {} };
    const target = row.variantId
      ? (entry.variants[row.variantId] ??= {})
      : entry.product;
    target[key] = decoded;
    out.set(row.productId, entry);
  }
  return out;
}

/** What Vitrine last wrote to Shopify in the primary locale, by `owner|subject`. */
export async function currentSources(
  shop: string,
  productId: string,
): Promise<Map<string, string | null>> {
  const [metafields, files] = await Promise.all([
    db.publishedMetafield.findMany({
      where: { shop, productId },
      select: { ownerShopifyId: true, key: true, value: true },
    }),
    db.shopifyFile.findMany({
      where: { shop, asset: { links: { some: { shop, productId } } } },
      select: { assetId: true, fileGid: true, alt: true },
    }),
  ]);
  return new Map<string, string | null>([
    ...metafields.map(
      (m) => [`${m.ownerShopifyId}|attribute:${m.key}`, m.value] as const,
    ),
    ...files.map((f) => [`${f.fileGid}|alt:${f.assetId}`, f.alt] as const),
  ]);
}
