// What the merchant describes an asset with: title, alt text, rights; tags; collections. Each change is one
// transaction with its audit event and the refreshed search text. Every function takes the shop.
import db from "~/db.server";
import { NotFound } from "~/lib/errors";
import { writeOutboxEvent } from "~/outbox/outbox.db.server";
import {
  audit,
  jsonable,
  refreshSearchDoc,
  type Tx,
} from "./asset-audit.db.server";

export interface AssetDetails {
  title?: string;
  altText?: Record<string, string>;
  rightsOwner?: string | null;
  licence?: string | null;
  usageNotes?: string | null;
  validFrom?: Date | null;
  validUntil?: Date | null;
}

/** Updates descriptive fields; the audit event carries the fields before and after. Throws NotFound. */
export async function updateAssetDetails(
  shop: string,
  assetId: string,
  details: AssetDetails,
  actor: string,
) {
  return db.$transaction(async (tx) => {
    const asset = await tx.asset.findFirst({ where: { id: assetId, shop } });
    if (!asset) throw new NotFound("asset not found");
    const keys = Object.keys(details) as (keyof AssetDetails)[];
    const before = Object.fromEntries(keys.map((k) => [k, asset[k]]));
    const { altText, ...rest } = details;
    const updated = await tx.asset.update({
      where: { id: asset.id },
      data: { ...rest, ...(altText ? { altText } : {}) },
    });
    await refreshSearchDoc(tx, shop, asset.id);
    // New alt text of a published image: the storefront updates the file's alt, its translations follow.
    if (
      altText &&
      asset.status === "APPROVED" &&
      JSON.stringify(altText) !== JSON.stringify(asset.altText)
    )
      await writeOutboxEvent(tx, {
        shop,
        topic: "asset.details-changed",
        aggregateId: asset.id,
        payload: { assetId: asset.id },
      });
    await audit(
      tx,
      shop,
      asset.id,
      actor,
      "updated",
      jsonable(before),
      jsonable(details),
    );
    return updated;
  });
}

/** The shop's assets with these ids; NotFound unless every id is one (checked before anything changes). */
async function requireShopAssets(tx: Tx, shop: string, assetIds: string[]) {
  const assets = await tx.asset.findMany({
    where: { shop, id: { in: assetIds } },
    select: { id: true },
  });
  if (assets.length !== new Set(assetIds).size)
    throw new NotFound("asset not found");
  return assets;
}

/** Adds and removes tags (lower-cased, trimmed) on several assets of the shop. Throws NotFound. */
export async function changeTags(
  shop: string,
  assetIds: string[],
  change: { add?: string[]; remove?: string[] },
  actor: string,
) {
  return db.$transaction(async (tx) => {
    const assets = await requireShopAssets(tx, shop, assetIds);
    for (const { id } of assets) {
      for (const tag of change.add ?? [])
        await tx.assetTag.upsert({
          where: { assetId_tag: { assetId: id, tag } },
          create: { assetId: id, shop, tag },
          update: {},
        });
      if (change.remove?.length)
        await tx.assetTag.deleteMany({
          where: { shop, assetId: id, tag: { in: change.remove } },
        });
      await refreshSearchDoc(tx, shop, id);
      await audit(tx, shop, id, actor, "tagged", null, jsonable(change));
    }
    return assets.length;
  });
}

/** Puts assets into the shop's collection `name`, creating it on first use. Throws NotFound. */
export async function addToCollection(
  shop: string,
  assetIds: string[],
  name: string,
  actor: string,
) {
  return db.$transaction(async (tx) => {
    const assets = await requireShopAssets(tx, shop, assetIds);
    const collection = await tx.assetCollection.upsert({
      where: { shop_name: { shop, name } },
      create: { shop, name },
      update: {},
    });
    for (const { id } of assets) {
      await tx.assetCollectionItem.upsert({
        where: {
          collectionId_assetId: { collectionId: collection.id, assetId: id },
        },
        create: { collectionId: collection.id, assetId: id, shop },
        update: {},
      });
      await audit(tx, shop, id, actor, "collected", null, { collection: name });
    }
    return collection;
  });
}

/** The shop's collections by name. */
export async function listCollections(shop: string) {
  return db.assetCollection.findMany({
    where: { shop },
    orderBy: { name: "asc" },
  });
}
