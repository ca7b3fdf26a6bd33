import { enqueue } from "~/jobs/enqueue.server";
import { importCatalogue } from "~/pim/catalogue-import.server";
import { installedShops } from "~/pim/shops.db.server";
import { publishProductValues } from "~/pim/publish.server";
import { runSpreadsheetImport } from "~/pim/spreadsheet-import.server";
import { adminClientFor } from "~/shopify/admin-client.server";
import type { Processor } from "../processor";

export const importCatalogueProcessor: Processor<"catalogue.import"> = async ({
  shop,
}) => importCatalogue(shop, await adminClientFor(shop));

export const reconcileCataloguesProcessor: Processor<
  "catalogue.reconcile-all"
> = async () => {
  const shops = await installedShops();
  const day = new Date().toISOString().slice(0, 10);
  // One import per shop and day, whoever asks twice.
  for (const shop of shops)
    await enqueue(
      "catalogue.import",
      { shop },
      { jobId: `reconcile:${shop}:${day}` },
    );
  return { shops: shops.length };
};

export const publishProductValuesProcessor: Processor<
  "product-values.publish"
> = async ({ shop, productId, version }) =>
  publishProductValues(shop, productId, await adminClientFor(shop), version);

export const spreadsheetImportProcessor: Processor<
  "spreadsheet.import"
> = async ({ shop, importId }) => runSpreadsheetImport(shop, importId);
