// Google feeds per target country and language: /feeds/google/{shop}.xml?token=…&country=FR&language=fr. Merchant
// Center takes one feed per country × language; each is the shop's Google feed (same items, same rule for what
// is served) with the text localised where Vitrine has it: the product title and description as the merchant
// translated them in Shopify (read back by the translation job), localisable PIM values (material) in that
// language, landing pages under the storefront's language folder (/fr/products/…), and the price buyers in that
// country pay: the price Shopify resolves for the country's market (its price list's fixed price, else the base
// price converted and adjusted; read by pim/market-prices.server.ts), in the market's currency, with the
// compare-at price as `price` and the market price as `sale_price` during a sale. A country in no market, or a
// variant not read yet, keeps the base price in the shop's currency (see README "Languages, markets and swatches").
import { z } from "zod";
import {
  localisedValues,
  productTextTranslations,
  type LocalisedProductValues,
} from "~/pim/translations.db.server";
import {
  pricesForCountry,
  type VariantMarketPrice,
} from "~/pim/market-prices.db.server";
import { shopLocales } from "~/shop/shop.db.server";
import { text } from "./feed-item";
import { feedShop } from "./feed.db.server";
import { renderGoogleFeed, type GoogleItem } from "./google-feed";
import {
  servedGoogleRows,
  type ServedGoogleRow,
} from "./google-locales.db.server";

/** The query of a localised feed URL: both or neither. */
export const localisedFeedQuery = z.object({
  language: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/),
  country: z.string().regex(/^[A-Z]{2}$/),
});
export type LocalisedFeedTarget = z.infer<typeof localisedFeedQuery>;

/** HTML as feed text (the same rule as the default feed's description). */
const plain = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();

/** The storefront URL in a language: Shopify serves other languages under a folder of the primary domain. */
export function localisedLink(
  link: string,
  language: string,
  primary: string,
): string {
  if (language === primary) return link;
  const url = new URL(link);
  url.pathname = `/${language}${url.pathname}`;
  return url.toString();
}

export interface ItemLocalisation {
  language: string;
  primary: string;
  title?: string;
  bodyHtml?: string;
  values?: LocalisedProductValues;
  /** The variant's price in the target country's market, when Vitrine has read it. */
  marketPrice?: VariantMarketPrice;
}

/** Google's price pair: `price` is what the item normally costs, `sale_price` what it costs now. */
function googlePrices(
  market: VariantMarketPrice | undefined,
): Partial<Pick<GoogleItem, "price" | "salePrice">> {
  if (!market) return {};
  const compareAt = market.compareAtPrice;
  return compareAt && compareAt.amount > market.price.amount
    ? { price: compareAt, salePrice: market.price }
    : { price: market.price, salePrice: null };
}

/** One item of the default feed in another language (pure). */
export function localiseGoogleItem(
  row: ServedGoogleRow,
  l: ItemLocalisation,
): GoogleItem {
  const item = row.item;
  const values = {
    ...l.values?.product,
    ...l.values?.variants[row.variantId],
  };
  const title = l.title
    ? item.title.startsWith(row.productTitle)
      ? `${l.title}${item.title.slice(row.productTitle.length)}`
      : l.title
    : item.title;
  const description = l.bodyHtml
    ? plain(l.bodyHtml) || title
    : item.description;
  return {
    ...item,
    title,
    description,
    link: localisedLink(item.link, l.language, l.primary),
    material: text(values.material_composition) ?? item.material ?? null,
    ...googlePrices(l.marketPrice),
  };
}

/**
 * The shop's Google feed for one country and language, or null when the shop does not publish that language.
 * Reads only the database.
 */
export async function renderLocalisedGoogleFeed(
  shop: string,
  target: LocalisedFeedTarget,
): Promise<string | null> {
  const { primary, locales } = await shopLocales(shop);
  if (!locales.includes(target.language)) return null;
  const rows = await servedGoogleRows(shop);
  const productIds = [...new Set(rows.map((r) => r.productId))];
  const other = target.language !== primary;
  const texts = other
    ? await productTextTranslations(shop, productIds, target.language)
    : new Map<string, { title?: string; body_html?: string }>();
  const values = other
    ? await localisedValues(
        shop,
        productIds,
        target.language,
        "GOOGLE_MERCHANT",
      )
    : new Map<string, LocalisedProductValues>();
  const prices = await pricesForCountry(shop, target.country);
  const header = await feedShop(shop);
  return renderGoogleFeed({
    title: `${header.name} (${target.language}-${target.country})`,
    link: localisedLink(header.link, target.language, primary),
    description: `Products of ${header.name} for ${target.country} in ${target.language}, kept current by Vitrine`,
    items: rows.map((row) =>
      localiseGoogleItem(row, {
        language: target.language,
        primary,
        title: texts.get(row.productId)?.title,
        bodyHtml: texts.get(row.productId)?.body_html,
        values: values.get(row.productId),
        marketPrice: prices.get(row.variantId),
      }),
    ),
  });
}
