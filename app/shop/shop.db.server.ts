// Prisma access for the Shop row (install state and shop details). Every function takes the shop domain.
import { z } from "zod";
import db from "~/db.server";
import { jsonColumn } from "~/lib/json-column";

/** Shop.locales as stored: the shop's published locales (null until the details were synced). */
export const localesColumn = jsonColumn(
  "Shop.locales",
  z
    .array(z.string())
    .nullable()
    .transform((locales) => locales ?? []),
);

export interface ShopDetails {
  name: string;
  planName: string | null;
  shopifyPlus: boolean;
  currencyCode: string;
  ianaTimezone: string;
  primaryLocale: string;
  locales: string[];
}

/** Marks the shop installed (first install or reinstall). Idempotent. */
export async function upsertInstalledShop(shop: string, now = new Date()) {
  return db.shop.upsert({
    where: { shop },
    create: { shop, status: "INSTALLED", installedAt: now },
    update: { status: "INSTALLED", installedAt: now, uninstalledAt: null },
  });
}

/** Marks the shop uninstalled and deletes its sessions (the access token is already revoked). Idempotent. */
export async function markShopUninstalled(shop: string, now = new Date()) {
  await db.$transaction([
    db.session.deleteMany({ where: { shop } }),
    db.shop.updateMany({
      where: { shop },
      data: { status: "UNINSTALLED", uninstalledAt: now },
    }),
  ]);
}

export async function saveShopDetails(
  shop: string,
  details: ShopDetails,
  now = new Date(),
) {
  return db.shop.updateMany({
    where: { shop },
    data: { ...details, locales: details.locales, detailsSyncedAt: now },
  });
}

/**
 * The shop's primary locale and every locale it publishes (primary first is not guaranteed). Before the shop's
 * details were synced: English, alone.
 */
export async function shopLocales(
  shop: string,
): Promise<{ primary: string; locales: string[] }> {
  const row = await db.shop.findUnique({
    where: { shop },
    select: { primaryLocale: true, locales: true },
  });
  const primary = row?.primaryLocale ?? "en";
  const locales = localesColumn(row?.locales ?? null);
  return { primary, locales: locales.length ? locales : [primary] };
}

/** The shop's primary locale (the default locale of its values and alt text). */
export async function primaryLocale(shop: string): Promise<string> {
  return (await shopLocales(shop)).primary;
}

export async function findShop(shop: string) {
  return db.shop.findUnique({ where: { shop } });
}

/** Applies an app/scopes_update: the granted scopes of every session of the shop. */
export async function updateSessionScopes(shop: string, scopes: string[]) {
  return db.session.updateMany({
    where: { shop },
    data: { scope: scopes.join(",") },
  });
}

/**
 * Deletes every row of the shop: the Shop row (its dependants cascade) and the tables without a foreign key.
 * Idempotent.
 */
export async function deleteShopRows(shop: string) {
  await db.$transaction([
    db.session.deleteMany({ where: { shop } }),
    db.webhookEvent.deleteMany({ where: { shop } }),
    db.outbox.deleteMany({ where: { shop } }),
    db.rendition.deleteMany({ where: { shop } }),
    db.shopifyFile.deleteMany({ where: { shop } }),
    // Products, variants, assets and versions cascade from the shop row.
    db.shop.deleteMany({ where: { shop } }),
  ]);
}
