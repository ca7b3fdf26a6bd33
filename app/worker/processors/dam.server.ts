import { renderVersionRenditions } from "~/dam/renditions.server";
import type { Processor } from "../processor";

export const renderRenditionsProcessor: Processor<"dam.renditions"> = async ({
  shop,
  assetId,
  versionId,
}) => renderVersionRenditions(shop, assetId, versionId);
