// What Google and the marketplace receive for a product: per variant, its images (variant links first, then
// product-level links) as channel renditions that passed pre-flight, and its data from the mirror and the PIM.
import db, { type Prisma } from "~/db.server";
import { NotFound } from "~/lib/errors";
import { channelRendition } from "../renditions.db.server";
import {
  beginSync,
  completeSync,
  failSync,
  stampHops,
} from "../state.db.server";
import { describeFailures } from "../preflight";
import { renditionUrl } from "../urls.server";
import type { AttributeValueData } from "~/pim/attribute-types";
import { approvedValues } from "~/pim/values.db.server";
import {
  renderGoogleFeed,
  type GoogleFeed,
  type GoogleItem,
  type Money,
} from "./google-feed";
import { shopChannels } from "./channels.db.server";
import { patchListing, type Listing } from "./marketplace.server";
import type { ChannelKind } from "./profiles";

const MAX_IMAGES = 11;

type Values = Record<string, AttributeValueData>;

/** A PIM value as channel text: lists joined, measurements with their unit. */
function text(value: AttributeValueData | undefined): string | null {
  if (value === undefined || value === null || value === "") return null;
  if (Array.isArray(value)) return value.join(" / ");
  if (typeof value === "object") return `${value.value} ${value.unit}`;
  return String(value);
}

const GOOGLE_GENDERS = ["male", "female", "unisex"] as const;
const GOOGLE_AGE_GROUPS = [
  "newborn",
  "infant",
  "toddler",
  "kids",
  "adult",
] as const;
const oneOf = <T extends string>(
  allowed: readonly T[],
  value: string | null,
): T | null => (allowed.includes(value as T) ? (value as T) : null);

/** The product's approved PIM values for a channel: product-level, overridden by the variant's own. */
async function channelValues(
  shop: string,
  productId: string,
  channel: "GOOGLE_MERCHANT" | "MARKETPLACE",
): Promise<(variantId: string) => Values> {
  const approved = (await approvedValues(shop, [productId], channel)).get(
    productId,
  );
  return (variantId) => ({
    ...approved?.product,
    ...approved?.variants[variantId]?.values,
  });
}

/** A feed item as stored JSON (it is plain data: strings, numbers, arrays). */
const asJson = (item: GoogleItem) =>
  JSON.parse(JSON.stringify(item)) as Prisma.InputJsonObject;

/** "129.00" in the shop's currency → minor units. */
export function toMoney(price: string | null, currency: string): Money {
  const digits =
    new Intl.NumberFormat("en", {
      style: "currency",
      currency,
    }).resolvedOptions().maximumFractionDigits ?? 2;
  return { amount: Math.round(Number(price ?? "0") * 10 ** digits), currency };
}

function option(
  options: { name: string; value: string }[],
  ...names: string[]
) {
  return (
    options.find((o) => names.includes(o.name.toLowerCase()))?.value ?? null
  );
}

interface VariantImages {
  variantId: string;
  urls: string[];
}

type LoadedProduct = NonNullable<Awaited<ReturnType<typeof loadProduct>>>;

async function loadProduct(shop: string, productId: string) {
  return db.product.findFirst({
    where: { shop, id: productId },
    include: {
      variants: { orderBy: { position: "asc" } },
      assetLinks: {
        where: {
          asset: { status: "APPROVED", currentVersionId: { not: null } },
        },
        include: {
          asset: { select: { id: true, title: true, currentVersionId: true } },
        },
        orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      },
    },
  });
}

/**
 * Renders (or reuses) the channel renditions of every image the product uses and checks them. Returns each
 * variant's image URLs, or the pre-flight failures that block the channel for this product.
 */
async function channelImages(
  shop: string,
  product: LoadedProduct,
  channel: ChannelKind,
): Promise<{ images: VariantImages[]; failures: string[] }> {
  // Composition rules (white background, fill) are for the main image; size, pixel and tag rules for all.
  const MAIN_ONLY = new Set(["minWhiteBorder", "minFill"]);
  const rendered = new Map<
    string,
    { url: string; main: string | null; additional: string | null }
  >();
  for (const link of product.assetLinks) {
    const versionId = link.asset.currentVersionId!;
    if (rendered.has(versionId)) continue;
    const rendition = await channelRendition(shop, versionId, channel);
    const describe = (failures: typeof rendition.preflight.failures) =>
      describeFailures(link.asset.title, failures);
    rendered.set(versionId, {
      url: renditionUrl(shop, rendition.key, rendition.extension),
      main: describe(rendition.preflight.failures),
      additional: describe(
        rendition.preflight.failures.filter((f) => !MAIN_ONLY.has(f.rule)),
      ),
    });
  }
  const productLevel = product.assetLinks.filter((l) => l.variantId === "");
  const failures = new Set<string>();
  const images = product.variants.map((variant) => {
    const links = [
      ...product.assetLinks.filter((l) => l.variantId === variant.id),
      ...productLevel,
    ];
    const urls: string[] = [];
    links.forEach((link, index) => {
      const r = rendered.get(link.asset.currentVersionId!)!;
      // A main image that fails blocks the channel for the product; a failing additional image is left out.
      const failure = index === 0 ? r.main : r.additional;
      if (failure) {
        if (index === 0) failures.add(failure);
        return;
      }
      if (!urls.includes(r.url)) urls.push(r.url);
    });
    return { variantId: variant.id, urls: urls.slice(0, MAX_IMAGES) };
  });
  return { images, failures: [...failures] };
}

async function shopCurrency(shop: string): Promise<string> {
  const row = await db.shop.findUnique({
    where: { shop },
    select: { currencyCode: true },
  });
  return row?.currencyCode ?? "USD";
}

/** Rewrites the product's rows of the Google feed. */
export async function syncGoogle(
  shop: string,
  productId: string,
): Promise<void> {
  const channel: ChannelKind = "GOOGLE_MERCHANT";
  const product = await loadProduct(shop, productId);
  if (!product) throw new NotFound(`product ${productId} not found`);
  const revision = await beginSync(shop, productId, channel);
  const { images, failures } = await channelImages(shop, product, channel);
  await stampHops(shop, [productId], channel, "renderedAt");
  if (failures.length > 0) {
    await failSync(shop, productId, channel, "BLOCKED", failures.join(" · "));
    return;
  }
  const currency = await shopCurrency(shop);
  const valuesOf = await channelValues(shop, productId, "GOOGLE_MERCHANT");
  const items: GoogleItem[] = product.variants.map((variant) => {
    const values = valuesOf(variant.id);
    const options = variant.selectedOptions as {
      name: string;
      value: string;
    }[];
    const urls = images.find((i) => i.variantId === variant.id)?.urls ?? [];
    return {
      id: variant.sku || variant.shopifyId.split("/").pop()!,
      itemGroupId: product.shopifyId.split("/").pop()!,
      title: `${product.title} - ${variant.title}`,
      description:
        product.descriptionHtml
          .replace(/<[^>]+>/g, " ")
          .replace(/\s+/g, " ")
          .trim() || product.title,
      link:
        product.onlineStoreUrl ??
        `https://${shop}/products/${product.handle}?variant=${variant.shopifyId.split("/").pop()}`,
      imageLink: urls[0] ?? "",
      additionalImageLinks: urls.slice(1),
      price: toMoney(variant.price, currency),
      availability: variant.availableForSale ? "in_stock" : "out_of_stock",
      brand: text(values.brand) ?? product.vendor ?? shop,
      gtin: variant.barcode,
      mpn: variant.sku,
      color: option(options, "color", "colour"),
      size: option(options, "size"),
      productType: product.productType,
      gender: oneOf(GOOGLE_GENDERS, text(values.gender)),
      ageGroup: oneOf(GOOGLE_AGE_GROUPS, text(values.age_group)),
      material: text(values.material_composition),
    };
  });
  await db.$transaction([
    db.feedItem.deleteMany({
      where: {
        shop,
        productId,
        variantId: { notIn: product.variants.map((v) => v.id) },
      },
    }),
    ...product.variants.map((variant, index) =>
      db.feedItem.upsert({
        where: { shop_variantId: { shop, variantId: variant.id } },
        create: {
          shop,
          productId,
          variantId: variant.id,
          item: asJson(items[index]!),
        },
        update: { item: asJson(items[index]!) },
      }),
    ),
  ]);
  // The feed is served from these rows: committed is live.
  await completeSync(shop, productId, channel, revision);
}

/** The whole feed, rendered from the stored rows of active products. */
export async function googleFeedXml(shop: string): Promise<string> {
  const rows = await db.feedItem.findMany({
    where: { shop, product: { status: "ACTIVE" } },
    orderBy: [{ productId: "asc" }, { variantId: "asc" }],
    select: { item: true },
  });
  const shopRow = await db.shop.findUnique({
    where: { shop },
    select: { name: true },
  });
  const feed: GoogleFeed = {
    title: shopRow?.name ?? shop,
    link: `https://${shop}`,
    description: `Products of ${shopRow?.name ?? shop}, kept current by Vitrine`,
    items: rows
      .map((r) => r.item as unknown as GoogleItem)
      .filter((i) => i.imageLink),
  };
  return renderGoogleFeed(feed);
}

const MARKETPLACE_CONCURRENCY = 4;

/** Sends one signed listing per SKU of the product to the marketplace. */
export async function syncMarketplace(
  shop: string,
  productId: string,
): Promise<{ sent: number }> {
  const channel: ChannelKind = "MARKETPLACE";
  const { marketplace } = await shopChannels(shop);
  if (!marketplace.enabled || !marketplace.endpoint) return { sent: 0 };
  const product = await loadProduct(shop, productId);
  if (!product) throw new NotFound(`product ${productId} not found`);
  const revision = await beginSync(shop, productId, channel);
  const { images, failures } = await channelImages(shop, product, channel);
  await stampHops(shop, [productId], channel, "renderedAt");
  if (failures.length > 0) {
    await failSync(shop, productId, channel, "BLOCKED", failures.join(" · "));
    return { sent: 0 };
  }
  const currency = await shopCurrency(shop);
  const valuesOf = await channelValues(shop, productId, "MARKETPLACE");
  const listings: Listing[] = product.variants
    .filter((variant) => variant.sku)
    .map((variant) => {
      const options = variant.selectedOptions as {
        name: string;
        value: string;
      }[];
      const urls = images.find((i) => i.variantId === variant.id)?.urls ?? [];
      return {
        sku: variant.sku!,
        revision,
        title: `${product.title} - ${variant.title}`,
        description: product.descriptionHtml,
        price: toMoney(variant.price, currency),
        attributes: Object.fromEntries(
          [
            ...options.map((o) => [o.name.toLowerCase(), o.value] as const),
            ...Object.entries(valuesOf(variant.id)).map(
              ([key, value]) => [key, text(value) ?? ""] as const,
            ),
            [
              "brand",
              text(valuesOf(variant.id).brand) ?? product.vendor ?? "",
            ] as const,
            ["product_type", product.productType ?? ""] as const,
          ].filter(([, value]) => value !== ""),
        ),
        images: { main: urls[0] ?? "", additional: urls.slice(1) },
      };
    })
    .filter((listing) => listing.images.main);
  const queue = [...listings];
  await Promise.all(
    Array.from({ length: MARKETPLACE_CONCURRENCY }, async () => {
      for (let listing = queue.shift(); listing; listing = queue.shift())
        await patchListing(marketplace.endpoint!, listing);
    }),
  );
  await completeSync(shop, productId, channel, revision);
  return { sent: listings.length };
}
