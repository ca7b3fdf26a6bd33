// Approved PIM values as Shopify metafields, in the app-reserved namespace (`$app`, storefront readable so themes
// can show them), and what must change on Shopify to match. Pure.
// https://shopify.dev/docs/apps/build/custom-data/ownership#reserved-prefixes
import type { PublishedRow } from "./publish.db.server";

export const APP_NAMESPACE = "$app";
/** Shopify's limit for metafieldsSet (and what we use for metafieldsDelete). */
export const METAFIELDS_PER_CALL = 25;

export interface DesiredMetafield {
  ownerShopifyId: string;
  key: string;
  type: string;
  value: string;
}

export interface PublishPlan {
  set: (DesiredMetafield & { compareDigest: string | null })[];
  remove: { ownerShopifyId: string; key: string }[];
}

/** What must change on Shopify: new or changed values (with the digest we last saw), and cleared ones. Pure. */
export function planPublish(
  desired: readonly DesiredMetafield[],
  published: readonly PublishedRow[],
): PublishPlan {
  const id = (m: { ownerShopifyId: string; key: string }) =>
    `${m.ownerShopifyId}|${m.key}`;
  const known = new Map(published.map((p) => [id(p), p]));
  const wanted = new Set(desired.map(id));
  return {
    set: desired
      .filter((d) => {
        const p = known.get(id(d));
        return !p || p.value !== d.value || p.type !== d.type;
      })
      .map((d) => ({ ...d, compareDigest: known.get(id(d))?.digest ?? null })),
    remove: published
      .filter((p) => !wanted.has(id(p)))
      .map((p) => ({ ownerShopifyId: p.ownerShopifyId, key: p.key })),
  };
}
