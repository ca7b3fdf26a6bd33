// Assets made the way a merchant makes them: uploaded through the DAM's ingest, approved (with its outbox event)
// or replaced by a new approved version. Image bytes come from test/support/dam.ts or emulator/seed/images.
import { addVersion, ingestUpload } from "~/dam/ingest.server";
import { approveVersion } from "~/dam/versions.server";
import db from "~/db.server";
import { linkAssets } from "~/sync/links.db.server";
import type { LinkInput } from "~/sync/links.db.server";
import { COLOURS } from "../../../emulator/seed/catalogue";
import {
  studioImage,
  type StudioImageSpec,
} from "../../../emulator/seed/images";
import { photo } from "../dam";
import { buildShop } from "./shop";

const ACTOR = "user:1";

async function latestOutboxId(shop: string, assetId: string): Promise<string> {
  const row = await db.outbox.findFirstOrThrow({
    where: { shop, aggregateId: assetId, topic: "asset.version-approved" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return row.id;
}

/** Uploads an asset through the DAM and approves it (unless `approve: false`). */
export async function createAsset(
  shop: string,
  filename: string,
  bytes: Buffer,
  options: { approve?: boolean } = {},
): Promise<{ assetId: string; versionId: string; outboxId: string | null }> {
  await buildShop(shop);
  const result = await ingestUpload({
    shop,
    filename,
    data: bytes,
    actor: ACTOR,
  });
  if ("duplicateOf" in result) throw new Error(`${filename} is a duplicate`);
  const ref = {
    shop,
    assetId: result.asset.id,
    versionId: result.version.id,
    actor: ACTOR,
  };
  if (options.approve === false) return { ...ref, outboxId: null };
  await approveVersion(ref);
  return { ...ref, outboxId: await latestOutboxId(shop, ref.assetId) };
}

/** Uploads and approves a new version of an asset (the replacement the buyer's test performs). */
export async function replaceAsset(
  shop: string,
  assetId: string,
  filename: string,
  bytes: Buffer,
): Promise<{ versionId: string; outboxId: string }> {
  const { version } = await addVersion({
    shop,
    assetId,
    filename,
    data: bytes,
    actor: ACTOR,
  });
  await approveVersion({ shop, assetId, versionId: version.id, actor: ACTOR });
  return {
    versionId: version.id,
    outboxId: await latestOutboxId(shop, assetId),
  };
}

/**
 * Uploads and approves a studio image (a coat in the first catalogue colour unless `image` says otherwise), gives it
 * `altText` if set, and links it to the product (or to `variantIds`) in `role`.
 */
export async function createLinkedImage(
  shop: string,
  options: {
    filename: string;
    image: Partial<StudioImageSpec>;
    altText?: Record<string, string>;
    productId: string;
    variantIds?: string[];
    role: LinkInput["role"];
  },
): Promise<{ assetId: string; versionId: string }> {
  const asset = await createAsset(
    shop,
    options.filename,
    await studioImage({
      family: "coat",
      colour: COLOURS[0]!,
      ...options.image,
    }),
  );
  if (options.altText)
    await db.asset.update({
      where: { id: asset.assetId },
      data: { altText: options.altText },
    });
  await linkAssets(shop, {
    assetIds: [asset.assetId],
    productId: options.productId,
    variantIds: options.variantIds,
    role: options.role,
  });
  return asset;
}

let photoSeed = 100;
/** Ingests a draft asset of a photo no earlier call made (a new seed each time, so never a duplicate). */
export async function uploadPhoto(
  shop: string,
  filename: string,
  actor: string,
) {
  const result = await ingestUpload({
    shop,
    filename,
    data: await photo({ seed: photoSeed++ }),
    actor,
  });
  if (!("asset" in result)) throw new Error("unexpected duplicate");
  return result;
}

/** A 1000 × 1250 coat packshot (white background) in the catalogue's `colour`-th colour. */
export const coatPackshot = (colour: number) =>
  studioImage({
    family: "coat",
    colour: COLOURS[colour]!,
    width: 1000,
    height: 1250,
    packshot: true,
  });
