import {
  enqueueMissingRenditions,
  renderVersionRenditions,
} from "~/dam/renditions.server";
import { sweepSpoolFiles } from "~/dam/spool.server";
import { prerenderStorefrontRendition } from "~/sync/storefront/rendition.server";
import type { Processor } from "../processor";

// The library's renditions, then the storefront's for an asset already on it: a replacement is rendered while it
// waits for approval, which keeps rendering off the path from approval to live.
export const renderRenditionsProcessor: Processor<"dam.renditions"> = async (
  { shop, assetId, versionId },
  { log },
) => {
  const result = await renderVersionRenditions(shop, assetId, versionId);
  try {
    await prerenderStorefrontRendition(shop, assetId, versionId);
  } catch (error) {
    // The push renders it when it needs it; the library's renditions are done either way.
    log.warn({ err: error, versionId }, "storefront rendition not prerendered");
  }
  return result;
};

export const enqueueMissingRenditionsProcessor: Processor<
  "dam.renditions-missing"
> = async () => ({ enqueued: await enqueueMissingRenditions() });

export const sweepSpoolProcessor: Processor<"dam.spool-sweep"> = async () => ({
  removed: await sweepSpoolFiles(),
});
