// Every job name maps to exactly one processor; ProcessorMap makes a missing or extra entry a type error.
import type { ProcessorMap } from "../processor";
import { pruneWebhookEventsProcessor } from "./maintenance.server";
import {
  importCatalogueProcessor,
  publishProductValuesProcessor,
  reconcileCataloguesProcessor,
  spreadsheetImportProcessor,
  syncMarketPricesProcessor,
  syncProductMarketPricesProcessor,
} from "./pim.server";
import {
  publishTranslationsProcessor,
  writeSwatchesProcessor,
} from "./locales.server";
import {
  refreshProductProcessor,
  removeProductProcessor,
} from "./product.server";
import {
  enqueueMissingRenditionsProcessor,
  renderRenditionsProcessor,
  sweepSpoolProcessor,
} from "./dam.server";
import {
  goLiveProcessor,
  observeLaunchProcessor,
  previewLaunchProcessor,
  endPreviewProcessor,
  rollbackLaunchProcessor,
  stageLaunchProcessor,
  stageWaveProcessor,
} from "./launch.server";
import { eraseShopProcessor, syncShopDetailsProcessor } from "./shop.server";
import {
  channelProcessors,
  dispatchProcessor,
  orphansProcessor,
} from "./sync.server";

export const processors: ProcessorMap = {
  "shop.sync-details": syncShopDetailsProcessor,
  "shop.erase": eraseShopProcessor,
  "product.refresh": refreshProductProcessor,
  "product.remove": removeProductProcessor,
  "webhook-events.prune": pruneWebhookEventsProcessor,
  // Sync engine
  "sync.dispatch": dispatchProcessor,
  ...channelProcessors,
  "sync.orphans": orphansProcessor,
  // DAM
  "dam.renditions": renderRenditionsProcessor,
  "dam.renditions-missing": enqueueMissingRenditionsProcessor,
  "dam.spool-sweep": sweepSpoolProcessor,
  // PIM
  "catalogue.import": importCatalogueProcessor,
  "catalogue.reconcile-all": reconcileCataloguesProcessor,
  "market-prices.sync": syncMarketPricesProcessor,
  "product-market-prices.sync": syncProductMarketPricesProcessor,
  "product-values.publish": publishProductValuesProcessor,
  "product-translations.publish": publishTranslationsProcessor,
  "product-swatches.write": writeSwatchesProcessor,
  "spreadsheet.import": spreadsheetImportProcessor,
  // Launches
  "launch.stage": stageLaunchProcessor,
  "launch.stage-wave": stageWaveProcessor,
  "launch.go-live": goLiveProcessor,
  "launch.observe": observeLaunchProcessor,
  "launch.preview": previewLaunchProcessor,
  "launch.end-preview": endPreviewProcessor,
  "launch.rollback": rollbackLaunchProcessor,
};
