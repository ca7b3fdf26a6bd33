import { enqueue } from "~/jobs/enqueue.server";
import { importCatalogue } from "~/pim/catalogue-import.server";
import {
  syncMarketPrices,
  syncProductMarketPrices,
} from "~/pim/market-prices.server";
import { installedShops } from "~/pim/shops.db.server";
import { publishProductValues } from "~/pim/publish.server";
import { runSpreadsheetImport } from "~/pim/spreadsheet-import.server";
import { adminClientFor } from "~/shopify/admin-client.server";
import type { Processor } from "../processor";

export const importCatalogueProcessor: Processor<"catalogue.import"> = async ({
  shop,
}) => {
  const imported = await importCatalogue(shop, await adminClientFor(shop));
  // Price list edits send no webhook: the import (install, on demand, daily) is when market prices are re-read.
  await enqueue("market-prices.sync", { shop });
  return imported;
};

export const syncMarketPricesProcessor: Processor<
  "market-prices.sync"
> = async ({ shop }) => syncMarketPrices(shop, await adminClientFor(shop));

export const syncProductMarketPricesProcessor: Processor<
  "product-market-prices.sync"
> = async ({ shop, productId }) => ({
  prices: await syncProductMarketPrices(
    shop,
    await adminClientFor(shop),
    productId,
  ),
});

export const reconcileCataloguesProcessor: Processor<
  "catalogue.reconcile-all"
> = async () => {
  const shops = await installedShops();
  // A shop whose import is already queued or running (install, the products page) keeps that one.
  for (const shop of shops) await enqueue("catalogue.import", { shop });
  return { shops: shops.length };
};

export const publishProductValuesProcessor: Processor<
  "product-values.publish"
> = async ({ shop, productId, version }) =>
  publishProductValues(shop, productId, await adminClientFor(shop), version);

export const spreadsheetImportProcessor: Processor<
  "spreadsheet.import"
> = async ({ shop, importId }) => runSpreadsheetImport(shop, importId);
