// Google Merchant Center as a channel: the feed (RSS 2.0, g: namespace) is served from one stored row per variant.
// Desired: an item per variant with an approved image, from the mirror and the PIM. Observed: the product's rows
// as the feed route serves them (only ACTIVE products, only items with an image). Google fetches the feed on its
// schedule; "live" means the item is in the feed as served, with the new image URL.
import { digestOf } from "../canonical";
import type { ChannelAdapter, DesiredState, Observation } from "./adapter";
import { shopChannels } from "./channels.db.server";
import {
  channelImages,
  channelValues,
  GOOGLE_AGE_GROUPS,
  GOOGLE_GENDERS,
  loadChannelProduct,
  oneOf,
  option,
  shopCurrency,
  text,
  toMoney,
} from "./channel-product.db.server";
import {
  servedFeedItems,
  storedFeedItems,
  storeFeedItems,
} from "./feed.db.server";
import type { GoogleItem } from "./google-feed";

export interface GoogleDesired extends DesiredState {
  /** Variant id → its item (variants without an approved image have none). */
  items: Map<string, GoogleItem>;
  active: boolean;
  statusText: string;
}

/** Shopify's status in words, for "not in the feed" reasons. */
export function notActiveReason(status: string): string {
  if (status === "DRAFT") return "Draft in Shopify";
  if (status === "ARCHIVED") return "Archived in Shopify";
  if (status === "UNLISTED") return "Unlisted in Shopify";
  return `${status} in Shopify`;
}

async function googleDesired(
  shop: string,
  productId: string,
): Promise<GoogleDesired> {
  const product = await loadChannelProduct(shop, productId);
  const { images, failures } = await channelImages(
    shop,
    product,
    "GOOGLE_MERCHANT",
  );
  const currency = await shopCurrency(shop);
  const valuesOf = await channelValues(shop, productId, "GOOGLE_MERCHANT");
  const description =
    product.descriptionHtml
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ")
      .trim() || product.title;
  const items = new Map<string, GoogleItem>();
  for (const variant of product.variants) {
    const urls = images.find((i) => i.variantId === variant.id)?.urls ?? [];
    if (!urls[0]) continue;
    const values = valuesOf(variant.id);
    const options = variant.selectedOptions as {
      name: string;
      value: string;
    }[];
    const numericId = variant.shopifyId.split("/").pop()!;
    items.set(variant.id, {
      id: variant.sku || numericId,
      itemGroupId: product.shopifyId.split("/").pop()!,
      title: `${product.title} - ${variant.title}`,
      description,
      link:
        product.onlineStoreUrl ??
        `https://${shop}/products/${product.handle}?variant=${numericId}`,
      imageLink: urls[0],
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
    });
  }
  const versionIds = new Set(
    product.assetLinks.map((l) => l.asset.currentVersionId!),
  );
  return {
    digest: digestOf({
      items: [...items.entries()],
      active: product.status === "ACTIVE",
    }),
    blocked: failures.length > 0 ? failures.join(" · ") : null,
    versionIds,
    variants: product.variants.length,
    items,
    active: product.status === "ACTIVE",
    statusText: notActiveReason(product.status),
  };
}

/** A feed item as stored JSON (plain data: strings, numbers, arrays). */
const asJson = (item: GoogleItem): unknown => JSON.parse(JSON.stringify(item));

export const googleAdapter: ChannelAdapter<GoogleDesired> = {
  kind: "GOOGLE_MERCHANT",
  settleMs: 0,
  async enabled(shop) {
    return (await shopChannels(shop)).google.enabled;
  },
  desired: (ctx) => googleDesired(ctx.shop, ctx.productId),
  async observe(ctx, desired): Promise<Observation> {
    const storedOf = await storedFeedItems(ctx.shop, ctx.productId);
    const served = await servedFeedItems(ctx.shop, ctx.productId);
    const differences: string[] = [];
    for (const [variantId, item] of desired.items)
      if (digestOf(storedOf.get(variantId)) !== digestOf(asJson(item)))
        differences.push(`feed item ${item.id} is not current`);
    for (const variantId of storedOf.keys())
      if (!desired.items.has(variantId))
        differences.push(
          "the feed still has an item of a variant without image",
        );
    const expectedServed = desired.active ? desired.items.size : 0;
    if (differences.length === 0 && served.length !== expectedServed)
      differences.push(
        `the feed serves ${served.length} item(s), expected ${expectedServed}`,
      );
    const listed = desired.active && served.length > 0;
    return {
      digest: digestOf(served),
      differences,
      listed,
      reason: listed
        ? null
        : !desired.active
          ? `${desired.statusText}: not in the feed`
          : "No approved image: not in the feed",
      drift: [],
    };
  },
  async apply(ctx, desired) {
    await storeFeedItems(ctx.shop, ctx.productId, desired.items);
  },
};
