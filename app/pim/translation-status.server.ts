// A product's translation status per locale for the product page, from the database only (no Admin API call):
// what the last translation run read back, turned OUTDATED when the English source Vitrine has written since
// differs from the one the translation was read against, plus MISSING for content with no text in a locale.
import { shopLocales } from "~/shop/shop.db.server";
import { approvedValues } from "./approved-values.db.server";
import {
  currentSources,
  storedTranslations,
  translationSources,
  type TranslationStatus,
} from "./translations.db.server";

export interface TranslationOverviewRow {
  subject: string;
  owner: string;
  locale: string;
  status: TranslationStatus;
  value: string | null;
  source: string | null;
  origin: "VITRINE" | "SHOPIFY";
}

export interface TranslationOverview {
  primary: string;
  /** The shop's other published locales. */
  locales: string[];
  rows: TranslationOverviewRow[];
}

/** The product's translations by locale. Products of other shops have none. */
export async function translationOverview(
  shop: string,
  productId: string,
): Promise<TranslationOverview> {
  const { primary, locales: all } = await shopLocales(shop);
  const locales = all.filter((l) => l !== primary);
  if (locales.length === 0) return { primary, locales, rows: [] };
  const [stored, sources, current, approved] = await Promise.all([
    storedTranslations(shop, productId),
    translationSources(shop, productId, locales),
    currentSources(shop, productId),
    approvedValues(shop, [productId]),
  ]);
  const rows: TranslationOverviewRow[] = stored.map((row) => {
    const now = current.get(`${row.owner}|${row.subject}`);
    const changed =
      row.origin === "VITRINE" && now !== undefined && now !== row.source;
    return {
      subject: row.subject,
      owner: row.owner,
      locale: row.locale,
      status:
        changed && row.status === "LIVE"
          ? "OUTDATED"
          : (row.status as TranslationStatus),
      value: row.value,
      source: row.source,
      origin: row.origin as "VITRINE" | "SHOPIFY",
    };
  });
  const seen = new Set(rows.map((r) => `${r.owner}|${r.subject}|${r.locale}`));
  const localised = new Set(
    sources?.values.map(
      (v) => `${v.ownerShopifyId}|attribute:${v.attributeKey}|${v.locale}`,
    ) ?? [],
  );
  const values = approved.get(productId);
  const localisable = new Set(
    sources?.attributes.filter((a) => a.localisable).map((a) => a.key) ?? [],
  );
  const owners: [string, Record<string, unknown>][] = values
    ? [
        [values.shopifyId, values.product],
        ...Object.values(values.variants).map(
          (v) => [v.shopifyId, v.values] as [string, Record<string, unknown>],
        ),
      ]
    : [];
  for (const [owner, byKey] of owners)
    for (const key of Object.keys(byKey).filter((k) => localisable.has(k)))
      for (const locale of locales) {
        const id = `${owner}|attribute:${key}|${locale}`;
        if (seen.has(id)) continue;
        rows.push({
          subject: `attribute:${key}`,
          owner,
          locale,
          // A French value not on Shopify yet is pending; no French value at all is missing.
          status: localised.has(id) ? "PENDING" : "MISSING",
          value: null,
          source: current.get(`${owner}|attribute:${key}`) ?? null,
          origin: "VITRINE",
        });
      }
  rows.sort((a, b) =>
    `${a.locale}|${a.subject}|${a.owner}`.localeCompare(
      `${b.locale}|${b.subject}|${b.owner}`,
    ),
  );
  return { primary, locales, rows };
}
