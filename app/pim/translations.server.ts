// Publishing a product's content in every other locale of the shop: localisable PIM values as translations of
// their `$app` metafields, DAM alt text as translations of the images' `alt`, registered with translationsRegister
// against the digests translatableResourcesByIds reports, read back before they count as live. Outdated ones
// (the English source changed) are registered again; ones Vitrine no longer has are removed. The merchant's own
// title and description translations are read and kept for the localised feeds.
import { Upstream } from "~/lib/errors";
import type { AdminClient } from "~/shopify/admin-client.server";
import { shopLocales } from "~/shop/shop.db.server";
import {
  marketGallerySources,
  type MarketGallerySource,
} from "./market-galleries.db.server";
import {
  planTranslations,
  readKey,
  readOnlyRows,
  type WantedTranslation,
} from "./translation-plan";
import {
  readAppMetafieldIds,
  readShopLocales,
  readTranslatable,
  registerTranslations,
  removeTranslations,
  type ResourceRead,
} from "./translations-shopify.server";
import {
  saveTranslationRows,
  storedTranslations,
  translationSources,
  type TranslationSources,
} from "./translations.db.server";

export interface TranslationResult {
  outcome: "published" | "single-locale" | "not-found";
  registered: number;
  removed: number;
  live: number;
  /** Wanted translations whose source Shopify does not show yet (a metafield or image not published yet). */
  pending: number;
}

const nothing = (outcome: TranslationResult["outcome"]): TranslationResult => ({
  outcome,
  registered: 0,
  removed: 0,
  live: 0,
  pending: 0,
});

const rowKey = (r: {
  resourceId: string;
  key: string;
  locale: string;
  marketId: string | null;
}) => `${r.resourceId}|${r.key}|${r.locale}|${r.marketId ?? ""}`;

/** The variant metafield the theme reads a variant's gallery from (sync/storefront writes it). */
const GALLERY_KEY = "gallery";

/** The translations the product's sources ask for, on the Shopify resources that carry them. */
function wantedTranslations(
  sources: TranslationSources,
  galleries: readonly MarketGallerySource[],
  locales: readonly string[],
  metafieldIds: ReadonlyMap<string, string>,
): WantedTranslation[] {
  const wanted: WantedTranslation[] = [];
  for (const v of sources.values) {
    const resourceId = metafieldIds.get(
      `${v.ownerShopifyId}|${v.attributeKey}`,
    );
    if (resourceId)
      wanted.push({
        resourceId,
        key: "value",
        locale: v.locale,
        marketId: null,
        subject: `attribute:${v.attributeKey}`,
        owner: v.ownerShopifyId,
        value: v.value,
      });
  }
  for (const a of sources.alts)
    wanted.push({
      resourceId: a.fileGid,
      key: "alt",
      locale: a.locale,
      marketId: null,
      subject: `alt:${a.assetId}`,
      owner: a.fileGid,
      value: a.alt,
    });
  // A market's own gallery: the market-specific translation of the variant's gallery, in each language.
  for (const g of galleries) {
    const resourceId = metafieldIds.get(`${g.variantGid}|${GALLERY_KEY}`);
    if (!resourceId || g.fileGids.length === 0) continue;
    for (const locale of locales)
      wanted.push({
        resourceId,
        key: "value",
        locale,
        marketId: g.marketId,
        subject: `gallery:${g.marketId}`,
        owner: g.variantGid,
        value: JSON.stringify(g.fileGids),
      });
  }
  return wanted;
}

async function readAll(
  client: AdminClient,
  ids: readonly string[],
  locales: readonly string[],
  wanted: readonly WantedTranslation[],
): Promise<Map<string, Map<string, ResourceRead>>> {
  const targets = new Map<string, [string, string | null]>(
    locales.map((l) => [readKey(l, null), [l, null]]),
  );
  for (const w of wanted)
    targets.set(readKey(w.locale, w.marketId), [w.locale, w.marketId]);
  const reads = new Map<string, Map<string, ResourceRead>>();
  // One after the other: the client paces each request to the shop's bucket.
  for (const [key, [locale, marketId]] of targets)
    reads.set(key, await readTranslatable(client, ids, locale, marketId));
  return reads;
}

/**
 * Registers the product's translations in every published non-primary locale and records what Shopify shows.
 * Idempotent: only missing, changed or outdated translations are written. Throws `Upstream` (retryable) when the
 * source changed under a write or a write does not read back, `Invalid` on other userErrors.
 */
export async function publishProductTranslations(
  shop: string,
  productId: string,
  client: AdminClient,
): Promise<TranslationResult> {
  // A shop with one language needs no Admin API call at all.
  if ((await shopLocales(shop)).locales.length < 2)
    return nothing("single-locale");
  const locales = (await readShopLocales(client)).others;
  if (locales.length === 0) return nothing("single-locale");
  const sources = await translationSources(shop, productId, locales);
  if (!sources) return nothing("not-found");
  const levelCount = (level: string) =>
    sources.attributes.filter((a) => a.level === level).length + 1;
  const galleries = await marketGallerySources(shop, productId);
  // Metafield ids name the resources of translated values and of market galleries: a product with neither (most
  // of a catalogue, every time its storefront converges) asks Shopify only for its own translations.
  const metafieldIds =
    sources.values.length > 0 || galleries.length > 0
      ? await readAppMetafieldIds(client, sources.productGid, {
          variants: sources.variantCount,
          productFields: levelCount("PRODUCT"),
          variantFields: levelCount("VARIANT"),
        })
      : new Map<string, string>();
  const wanted = wantedTranslations(sources, galleries, locales, metafieldIds);
  const ids = [
    ...new Set([sources.productGid, ...wanted.map((w) => w.resourceId)]),
  ];
  let reads = await readAll(client, ids, locales, wanted);
  const plan = planTranslations(wanted, reads);

  const wantedKeys = new Set(wanted.map(rowKey));
  const stale = (await storedTranslations(shop, productId)).filter(
    (r) => r.origin === "VITRINE" && !wantedKeys.has(rowKey(r)),
  );
  const staleByResource = new Map<string, typeof stale>();
  for (const row of stale) {
    const at = `${row.resourceId}|${row.marketId}`;
    staleByResource.set(at, [...(staleByResource.get(at) ?? []), row]);
  }
  for (const rows of staleByResource.values())
    await removeTranslations(
      client,
      rows[0]!.resourceId,
      [...new Set(rows.map((r) => r.key))],
      [...new Set(rows.map((r) => r.locale))],
      rows[0]!.marketId || null,
    );

  let registered = 0;
  for (const [resourceId, writes] of plan.writes) {
    await registerTranslations(client, resourceId, writes);
    registered += writes.length;
  }
  if (registered > 0) reads = await readAll(client, ids, locales, wanted);
  const after = planTranslations(wanted, reads);
  const unconfirmed = after.rows.filter(
    (r) => r.status === "OUTDATED" || r.status === "MISSING",
  );
  await saveTranslationRows(shop, productId, [
    ...after.rows,
    ...readOnlyRows(sources.productGid, reads),
  ]);
  if (unconfirmed.length > 0)
    throw new Upstream(
      `${unconfirmed.length} translation(s) of ${productId} do not read back yet`,
      true,
    );
  return {
    outcome: "published",
    registered,
    removed: stale.length,
    live: after.rows.filter((r) => r.status === "LIVE").length,
    pending: after.rows.filter((r) => r.status === "PENDING").length,
  };
}
