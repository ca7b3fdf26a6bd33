// Sales channels as the Admin API models them (https://shopify.dev/docs/apps/build/sales-channels/product-publishing):
// each channel's AppCatalog has a Publication; a product is visible on a channel when it is published to that
// publication (publishablePublish) AND its status lets buyers see it. Publishing does not follow the status:
// products created through GraphQL are published nowhere until publishablePublish (decoupled since product
// statuses, per Shopify), and a DRAFT product may be published ahead of its launch while staying hidden.
import type { ProductRecord, ShopState } from "./state";

export interface PublicationRecord {
  id: string;
  /** The channel's name (Online Store, Point of Sale…); also the AppCatalog's title. */
  name: string;
  catalogId: string;
  /** "Only online store channels support scheduled publishing" (publishablePublish). */
  supportsFuturePublishing: boolean;
  autoPublish: boolean;
  /** The storefront view (/products/{handle}.js) shows what this publication holds. */
  onlineStore: boolean;
}

export interface ResourcePublicationRecord {
  publicationId: string;
  /** When it was or will be published; in the future it is scheduled, not yet published. */
  publishDate: string;
}

export const DEFAULT_CHANNELS = [
  { name: "Online Store", onlineStore: true },
  { name: "Point of Sale", onlineStore: false },
  { name: "Google & YouTube", onlineStore: false },
] as const;

/** The channels every shop starts with: the Online Store and two others. */
export function addDefaultPublications(
  shop: ShopState,
  nextId: () => number,
): void {
  if (shop.publications.size > 0) return;
  for (const channel of DEFAULT_CHANNELS) {
    const id = `gid://shopify/Publication/${nextId()}`;
    shop.publications.set(id, {
      id,
      name: channel.name,
      catalogId: `gid://shopify/AppCatalog/${nextId()}`,
      supportsFuturePublishing: channel.onlineStore,
      autoPublish: false,
      onlineStore: channel.onlineStore,
    });
  }
}

export function onlineStorePublication(
  shop: ShopState,
): PublicationRecord | undefined {
  return [...shop.publications.values()].find((p) => p.onlineStore);
}

/** The product's publication record on `publicationId`, scheduled or not. */
export function resourcePublication(
  product: ProductRecord,
  publicationId: string,
): ResourcePublicationRecord | undefined {
  return product.publications?.find((p) => p.publicationId === publicationId);
}

/** Published (not merely scheduled) on the publication at `now`. */
export function isPublishedOn(
  product: ProductRecord,
  publicationId: string,
  now: number,
): boolean {
  const record = resourcePublication(product, publicationId);
  return record !== undefined && Date.parse(record.publishDate) <= now;
}

/** When the product was published to the online store (Product.publishedAt, `published_at`); null if it is not. */
export function onlineStorePublishedAt(
  shop: ShopState,
  product: ProductRecord,
  now: number,
): string | null {
  const store = onlineStorePublication(shop);
  return store && isPublishedOn(product, store.id, now)
    ? (resourcePublication(product, store.id)?.publishDate ?? null)
    : null;
}

/** Buyers may see products in these statuses on a channel they are published to. */
export function statusIsBuyerVisible(product: ProductRecord): boolean {
  return product.status === "ACTIVE" || product.status === "UNLISTED";
}

/**
 * Whether a shopper can open the product's page on the online store at `now`: ACTIVE or UNLISTED (which
 * "needs a direct link" — a product page is one) and published to the Online Store publication.
 */
export function visibleOnOnlineStore(
  shop: ShopState,
  product: ProductRecord,
  now: number,
): boolean {
  const store = onlineStorePublication(shop);
  return (
    store !== undefined &&
    statusIsBuyerVisible(product) &&
    isPublishedOn(product, store.id, now)
  );
}

/** Whether the product shows in storefront listings (search, collections): UNLISTED ones never do. */
export function listedOnOnlineStore(
  shop: ShopState,
  product: ProductRecord,
  now: number,
): boolean {
  return (
    product.status === "ACTIVE" && visibleOnOnlineStore(shop, product, now)
  );
}

/**
 * Publishes a merchant's existing catalogue the way an established shop has it: every ACTIVE product on every
 * channel. Used by the seed and for snapshots saved before publications were modelled.
 */
export function publishEverywhere(
  shop: ShopState,
  product: ProductRecord,
  at: string,
): void {
  product.publications = [...shop.publications.values()].map((p) => ({
    publicationId: p.id,
    publishDate: at,
  }));
}
