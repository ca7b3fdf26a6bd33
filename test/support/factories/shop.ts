// An installed shop, as afterAuth leaves it once its details were synced (currency and name for feeds and
// listings). Idempotent: a second build of the same shop keeps the first one's row.
import db from "~/db.server";

export async function buildShop(
  shop: string,
  details: {
    currencyCode?: string;
    name?: string;
    primaryLocale?: string;
  } = {},
) {
  return db.shop.upsert({
    where: { shop },
    create: {
      shop,
      status: "INSTALLED",
      installedAt: new Date("2026-11-01T09:00:00Z"),
      currencyCode: details.currencyCode ?? "EUR",
      name: details.name ?? "Maison Vitrine",
      ...(details.primaryLocale
        ? { primaryLocale: details.primaryLocale }
        : {}),
    },
    update: {},
  });
}
