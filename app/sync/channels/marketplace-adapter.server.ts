// The marketplace as a channel: one listing per SKU, sent as a signed PATCH and read back with a GET. Desired:
// a listing for each variant with a SKU and an approved main image, while the product is ACTIVE in Shopify.
// Observed: what the marketplace answers for each SKU, plus the SKUs this product listed before (ChannelItem),
// which are withdrawn when the product no longer offers them.
import { digestOf } from "../canonical";
import type { ChannelAdapter, DesiredState, Observation } from "./adapter";
import {
  channelItemIds,
  forgetChannelItem,
  recordChannelItem,
} from "./channel-items.db.server";
import { shopChannels } from "./channels.db.server";
import {
  loadChannelInputs,
  loadChannelInputsMany,
  type ChannelInputs,
  type ItemChannelState,
} from "./channel-product.db.server";
import { text, toMoney } from "./feed-item";
import { patchListings, readListings } from "./marketplace-batch.server";
import {
  withdrawListing,
  type Listing,
  type MarketplaceEndpoint,
} from "./marketplace.server";

const CONCURRENCY = 4;
type ListingContent = Omit<Listing, "revision">;

export interface MarketplaceDesired extends DesiredState, ItemChannelState {
  listings: Map<string, ListingContent>;
}

export interface MarketplaceObservation extends Observation {
  send: string[];
  withdraw: string[];
}

/** The part of a listing that the marketplace shows: what must be equal for the SKU to be current. */
export function listingDigest(listing: {
  title: string;
  description?: string;
  price: unknown;
  attributes: unknown;
  images: unknown;
  active?: boolean;
}): string {
  return digestOf({
    title: listing.title,
    description: listing.description ?? "",
    price: listing.price,
    attributes: listing.attributes,
    images: listing.images,
    active: listing.active ?? true,
  });
}

async function endpointOf(shop: string): Promise<MarketplaceEndpoint | null> {
  const { marketplace } = await shopChannels(shop);
  return marketplace.enabled ? marketplace.endpoint : null;
}

/** The marketplace's desired listings of one product (prepared inactive under a launch's embargo). */
export async function marketplaceDesired(
  shop: string,
  productId: string,
): Promise<MarketplaceDesired> {
  return desiredFrom(await loadChannelInputs(shop, productId, "MARKETPLACE"));
}

/** `marketplaceDesired` of many products at once (a launch's go-live), by product id. */
export async function marketplaceDesiredMany(
  shop: string,
  productIds: readonly string[],
): Promise<Map<string, MarketplaceDesired>> {
  const inputs = await loadChannelInputsMany(shop, productIds, "MARKETPLACE");
  return new Map([...inputs].map(([id, i]) => [id, desiredFrom(i)]));
}

function desiredFrom({
  product,
  urlsOf,
  valuesOf,
  optionsOf,
  currency,
  state,
}: ChannelInputs): MarketplaceDesired {
  const listings = new Map<string, ListingContent>();
  for (const variant of product.variants) {
    const urls = urlsOf(variant.id);
    // A product under a launch's embargo has its listings prepared but inactive (sync/launch-gate).
    if (!variant.sku || !urls[0] || !(state.active || state.embargoed))
      continue;
    const options = optionsOf(variant);
    const values = valuesOf(variant.id);
    listings.set(variant.sku, {
      sku: variant.sku,
      title: `${product.title} - ${variant.title}`,
      description: product.descriptionHtml,
      price: toMoney(variant.price, currency),
      attributes: Object.fromEntries(
        [
          ...options.map((o) => [o.name.toLowerCase(), o.value] as const),
          ...Object.entries(values).map(
            ([key, value]) => [key, text(value) ?? ""] as const,
          ),
          ["brand", text(values.brand) ?? product.vendor ?? ""] as const,
          ["product_type", product.productType ?? ""] as const,
        ].filter(([, value]) => value !== ""),
      ),
      images: { main: urls[0], additional: urls.slice(1) },
      // Sent explicitly either way: the marketplace PATCHes fields, so an activation must say so.
      active: state.active,
    });
  }
  return {
    digest: digestOf({
      listings: [...listings.values()].map((l) => [l.sku, listingDigest(l)]),
    }),
    ...state,
    listings,
  };
}

async function inParallel<T>(
  items: readonly T[],
  work: (item: T) => Promise<void>,
): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift())
        await work(item);
    }),
  );
}

export const marketplaceAdapter: ChannelAdapter<
  MarketplaceDesired,
  MarketplaceObservation
> = {
  kind: "MARKETPLACE",
  settleMs: 0,
  async enabled(shop) {
    return (await endpointOf(shop)) !== null;
  },
  desired: (ctx) => marketplaceDesired(ctx.shop, ctx.productId),
  async observe(ctx, desired) {
    const endpoint = (await endpointOf(ctx.shop))!;
    const listedBefore = await channelItemIds(
      ctx.shop,
      "MARKETPLACE",
      ctx.productId,
    );
    const skus = [...new Set([...desired.listings.keys(), ...listedBefore])];
    // One batch read per product (marketplace-batch.server.ts), not one GET per SKU.
    const seen = new Map<string, string | null>(
      [...(await readListings(endpoint, skus))].map(([sku, view]) => [
        sku,
        view ? listingDigest(view) : null,
      ]),
    );
    const send = [...desired.listings.values()]
      .filter((l) => seen.get(l.sku) !== listingDigest(l))
      .map((l) => l.sku);
    const withdraw = skus.filter(
      (sku) => !desired.listings.has(sku) && seen.get(sku) !== null,
    );
    const shown = skus.filter((sku) => seen.get(sku));
    return {
      digest: digestOf(skus.map((sku) => [sku, seen.get(sku)])),
      differences: [
        ...send.map((sku) => `listing ${sku} is not current`),
        ...withdraw.map((sku) => `listing ${sku} should be withdrawn`),
      ],
      listed: desired.active && desired.listings.size > 0 && shown.length > 0,
      reason:
        desired.active && desired.listings.size > 0
          ? null
          : !desired.active
            ? `${desired.statusText}: not listed`
            : "No approved image or SKU: not listed",
      drift: [],
      send,
      withdraw,
    };
  },
  async apply(ctx, desired, observed) {
    const endpoint = (await endpointOf(ctx.shop))!;
    // Monotonic per SKU across products and processes: the marketplace keeps the highest revision it has seen.
    const revision = Date.now();
    // Recorded before sending: a SKU we may have listed is always one we will check (and withdraw) later.
    for (const listing of desired.listings.values())
      await recordChannelItem(
        ctx.shop,
        "MARKETPLACE",
        ctx.productId,
        listing.sku,
        listingDigest(listing),
      );
    await patchListings(
      endpoint,
      observed.send.map((sku) => ({ ...desired.listings.get(sku)!, revision })),
    );
    await inParallel(observed.withdraw, async (sku) => {
      await withdrawListing(endpoint, sku, revision);
      await forgetChannelItem(ctx.shop, "MARKETPLACE", sku);
    });
  },
};
