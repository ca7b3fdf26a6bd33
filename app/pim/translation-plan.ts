// What to register on Shopify so each wanted translation is live, from what Shopify holds (pure). A translation
// is live when Shopify has our value and does not flag it outdated; an outdated one (its source changed since:
// a new English value, a fileUpdate that changed the alt text) is registered again against the new digest.
import type {
  ResourceRead,
  TranslationWrite,
} from "./translations-shopify.server";
import type {
  TranslationRow,
  TranslationStatus,
} from "./translations.db.server";

export interface WantedTranslation {
  resourceId: string;
  key: string;
  locale: string;
  /** null: every market; else that market's own (a per-market gallery). */
  marketId: string | null;
  /** What it translates, for the admin: attribute:<key>, alt:<assetId>. */
  subject: string;
  /** The product, variant or file GID it belongs to. */
  owner: string;
  value: string;
}

/** Translations Shopify holds that Vitrine only reads (the merchant's own), by key, with their subject. */
export const READ_ONLY_KEYS: Record<string, string> = {
  title: "product:title",
  body_html: "product:body_html",
};

export interface TranslationPlan {
  /** resourceId → the translations to register on it. */
  writes: Map<string, TranslationWrite[]>;
  /** Every wanted translation with the status Shopify showed before the writes. */
  rows: TranslationRow[];
}

/** Shopify's state of one wanted translation: LIVE, OUTDATED, MISSING, or PENDING (no source on Shopify yet). */
export function translationStatus(
  wanted: WantedTranslation,
  read: ResourceRead | undefined,
): TranslationStatus {
  const source = read?.content.get(wanted.key);
  if (!source?.value || !source.digest) return "PENDING";
  const current = read?.translations.get(wanted.key);
  if (!current?.value) return "MISSING";
  if (current.outdated || current.value !== wanted.value) return "OUTDATED";
  return "LIVE";
}

/** The key of `reads`: a locale, and a market for its market-specific translations. */
export const readKey = (locale: string, marketId: string | null) =>
  `${locale}|${marketId ?? ""}`;

/** `reads`: readKey(locale, market) → resourceId → what Shopify holds. */
export function planTranslations(
  wanted: readonly WantedTranslation[],
  reads: ReadonlyMap<string, ReadonlyMap<string, ResourceRead>>,
): TranslationPlan {
  const writes = new Map<string, TranslationWrite[]>();
  const rows: TranslationRow[] = [];
  for (const w of wanted) {
    const read = reads.get(readKey(w.locale, w.marketId))?.get(w.resourceId);
    const status = translationStatus(w, read);
    const source = read?.content.get(w.key);
    rows.push({
      resourceId: w.resourceId,
      key: w.key,
      locale: w.locale,
      marketId: w.marketId ?? "",
      subject: w.subject,
      owner: w.owner,
      value: w.value,
      source: source?.value ?? null,
      digest: source?.digest ?? null,
      status,
      origin: "VITRINE",
    });
    if (status === "OUTDATED" || status === "MISSING") {
      const list = writes.get(w.resourceId) ?? [];
      list.push({
        key: w.key,
        locale: w.locale,
        marketId: w.marketId,
        value: w.value,
        digest: source!.digest!,
      });
      writes.set(w.resourceId, list);
    }
  }
  return { writes, rows };
}

/** The merchant's own translations of the product's title and description, as read. */
export function readOnlyRows(
  productGid: string,
  reads: ReadonlyMap<string, ReadonlyMap<string, ResourceRead>>,
): TranslationRow[] {
  const rows: TranslationRow[] = [];
  for (const [at, byResource] of reads) {
    const [locale = "", market] = at.split("|");
    if (market) continue;
    const read = byResource.get(productGid);
    for (const [key, subject] of Object.entries(READ_ONLY_KEYS)) {
      const current = read?.translations.get(key);
      if (!current?.value) continue;
      const source = read?.content.get(key);
      rows.push({
        resourceId: productGid,
        key,
        locale,
        marketId: "",
        subject,
        owner: productGid,
        value: current.value,
        source: source?.value ?? null,
        digest: source?.digest ?? null,
        status: current.outdated ? "OUTDATED" : "LIVE",
        origin: "SHOPIFY",
      });
    }
  }
  return rows;
}
