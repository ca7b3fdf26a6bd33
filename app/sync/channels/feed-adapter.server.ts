// What the feed channels (Google Merchant Center, the Meta catalogue) share: one stored row per variant with an
// approved image, served at a token URL the channel fetches on its schedule. Desired: the items built from the
// mirror and the PIM. Observed: the product's rows as the feed route serves them (only ACTIVE products, only items
// with an image). "Live" means the item is in the feed as served, with the new image URL. A feed channel's adapter
// is `feedAdapter({ kind, slug, … item(row) })`: how one variant becomes one item, and how the feed is written.
import type { ChannelKind } from "~/channels/kinds";
import { digestOf } from "../canonical";
import type {
  ChannelAdapter,
  DesiredState,
  FeedServing,
  Observation,
} from "./adapter";
import {
  loadChannelInputs,
  type ItemChannelState,
  type LoadedProduct,
  type Values,
  type VariantOption,
} from "./channel-product.db.server";
import { feedSettings } from "./channels.db.server";
import {
  feedShop,
  servedFeed,
  servedFeedItems,
  storedFeedItems,
  storeFeedItems,
  type FeedItemShape,
} from "./feed.db.server";

export interface FeedDesired<T extends FeedItemShape>
  extends DesiredState, ItemChannelState {
  /** Variant id → its item (variants without an approved image have none). */
  items: Map<string, T>;
}

/** One variant with what a feed item is made of. */
export interface FeedRow {
  shop: string;
  product: LoadedProduct;
  variant: LoadedProduct["variants"][number];
  /** Channel rendition URLs (content-addressed: a new version is a new URL), main image first. */
  urls: string[];
  values: Values;
  options: VariantOption[];
  numericId: string;
  currency: string;
  /** The product description as plain text (the title when empty). */
  description: string;
}

export interface FeedDefinition<T extends FeedItemShape> {
  kind: ChannelKind;
  /** The feed's URL: /feeds/{slug}/{shop}.{extension}?token=… */
  slug: string;
  extension: string;
  contentType: string;
  item(row: FeedRow): T;
  /** Parses a stored item (FeedItem.item) back: feed-item-schema.ts. */
  column(item: unknown): T;
  /** The whole feed as served, from its items. */
  write(shop: { name: string; link: string }, items: T[]): string;
}

async function feedDesired<T extends FeedItemShape>(
  definition: FeedDefinition<T>,
  shop: string,
  productId: string,
): Promise<FeedDesired<T>> {
  const { product, urlsOf, valuesOf, optionsOf, currency, state } =
    await loadChannelInputs(shop, productId, definition.kind);
  const description =
    product.descriptionHtml
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ")
      .trim() || product.title;
  const items = new Map<string, T>();
  for (const variant of product.variants) {
    const urls = urlsOf(variant.id);
    if (!urls[0]) continue;
    items.set(
      variant.id,
      definition.item({
        shop,
        product,
        variant,
        urls,
        values: valuesOf(variant.id),
        options: optionsOf(variant),
        numericId: variant.shopifyId.split("/").pop()!,
        currency,
        description,
      }),
    );
  }
  return {
    digest: digestOf({ items: [...items.entries()], active: state.active }),
    ...state,
    items,
  };
}

/** An item as stored JSON (plain data: strings, numbers, arrays). */
const asJson = (item: unknown): unknown => JSON.parse(JSON.stringify(item));

export function feedAdapter<T extends FeedItemShape>(
  definition: FeedDefinition<T>,
): ChannelAdapter<FeedDesired<T>> & { feed: FeedServing } {
  const { kind } = definition;
  return {
    kind,
    settleMs: 0,
    async enabled(shop) {
      return (await feedSettings(shop, kind)).enabled;
    },
    desired: (ctx) => feedDesired(definition, ctx.shop, ctx.productId),
    async observe(ctx, desired): Promise<Observation> {
      const storedOf = await storedFeedItems(ctx.shop, kind, ctx.productId);
      const served = await servedFeedItems(
        ctx.shop,
        kind,
        ctx.productId,
        definition.column,
      );
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
      await storeFeedItems(ctx.shop, kind, ctx.productId, desired.items);
    },
    feed: {
      slug: definition.slug,
      extension: definition.extension,
      contentType: definition.contentType,
      async render(shop) {
        const header = await feedShop(shop);
        return definition.write(
          header,
          await servedFeed(shop, kind, definition.column),
        );
      },
    },
  };
}
