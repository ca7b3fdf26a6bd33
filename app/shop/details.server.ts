// Reads the shop's name, plan, currency, timezone and published locales from the Admin API.
import type { AdminClient } from "~/shopify/admin-client.server";
import type { OperationData } from "~/shopify/admin-graphql.server";
import { saveShopDetails, type ShopDetails } from "./shop.db.server";

const SHOP_DETAILS = `#graphql
  query ShopDetails {
    shop {
      name
      currencyCode
      ianaTimezone
      plan {
        publicDisplayName
        shopifyPlus
      }
    }
    shopLocales(published: true) {
      locale
      primary
    }
  }
`;

export function toShopDetails(
  data: OperationData<typeof SHOP_DETAILS>,
): ShopDetails {
  const locales = [...data.shopLocales]
    .sort((a, b) => Number(b.primary) - Number(a.primary))
    .map((l) => l.locale);
  return {
    name: data.shop.name,
    planName: data.shop.plan.publicDisplayName,
    shopifyPlus: data.shop.plan.shopifyPlus,
    currencyCode: data.shop.currencyCode,
    ianaTimezone: data.shop.ianaTimezone,
    primaryLocale: locales[0] ?? "en",
    locales,
  };
}

/** Fetches and stores the shop's details. Idempotent. Throws `Upstream` when Shopify fails. */
export async function syncShopDetails(
  shop: string,
  client: AdminClient,
): Promise<ShopDetails> {
  const details = toShopDetails(await client.request(SHOP_DETAILS));
  await saveShopDetails(shop, details);
  return details;
}
