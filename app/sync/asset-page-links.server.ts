// The asset page's link form as one use case: link what was picked in Shopify's resource picker, link by handle,
// SKU or option value, or unlink; then hand the outbox rows the links wrote to the sync engine, as the PIM's
// approval does, so the route only parses and answers.
import { z } from "zod";
import { logger } from "~/lib/logger.server";
import { kickOutboxRelay } from "~/outbox/relay.server";
import { assetLinkAction, runAssetLinkAction } from "./asset-links.db.server";
import { linkPicked, pickedLinkInput } from "./picked-link.db.server";

export const assetPageLinkInput = z.discriminatedUnion("intent", [
  pickedLinkInput,
  ...assetLinkAction.options,
]);
export type AssetPageLinkInput = z.infer<typeof assetPageLinkInput>;

/**
 * Applies one submission of the asset page's link form. Throws `Invalid` / `NotFound` like `linkPicked` and
 * `runAssetLinkAction`. When Redis is down the links still stand (their outbox rows wait for the relay's sweep);
 * the error is logged, not thrown.
 */
export async function linkFromAssetPage(
  shop: string,
  assetId: string,
  input: AssetPageLinkInput,
  actor: string | null,
): Promise<{ created?: number; removed?: number; variants?: number }> {
  const result =
    input.intent === "link-picked"
      ? await linkPicked(shop, assetId, input, actor)
      : await runAssetLinkAction(shop, assetId, input, actor);
  try {
    await kickOutboxRelay();
  } catch (error) {
    logger.warn(
      { err: error, shop },
      "asset links not relayed yet; the outbox relay will retry",
    );
  }
  return result;
}
