// The storefront side of the sync engine.
// - syncAssetFile: brings an asset's Shopify file to the asset's current version. Same extension: fileUpdate in
//   place (same id, URL path and every product/variant reference: one call updates every listing). Otherwise a
//   new file is created, every product using the asset is re-pointed, then the old file is deleted.
// - convergeProduct: makes a product's media, variant images and variant gallery metafields match its links.
// Both are idempotent and converge to the database's current state, whatever the job's payload said.
import db from "~/db.server";
import { withLock } from "~/jobs/lock.server";
import { Invalid } from "~/lib/errors";
import {
  adminClientFor,
  type AdminClient,
} from "~/shopify/admin-client.server";
import { assertNoUserErrors } from "~/shopify/admin-graphql.server";
import {
  shopChannels,
  updateStorefrontConfig,
} from "../channels/channels.db.server";
import { describeFailures } from "../preflight";
import { channelRendition, renditionBytes } from "../renditions.db.server";
import {
  beginSync,
  completeSync,
  failSync,
  stampHops,
} from "../state.db.server";
import {
  createFiles,
  deleteFiles,
  productMedia,
  setVariantImages,
  stageUpload,
  updateFiles,
  waitForFiles,
} from "./shopify-media.server";

const CHANNEL = "SHOPIFY_STOREFRONT";
/** The variant metafield holding the variant's whole gallery (the theme extension reads it). */
export const GALLERY = { namespace: "$app", key: "gallery" } as const;
const METAFIELDS_PER_CALL = 25;

const SET_GALLERIES = `#graphql
  mutation SetVariantGalleries($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields { id }
      userErrors { field message code }
    }
  }
`;

const CREATE_GALLERY_DEFINITION = `#graphql
  mutation CreateVariantGalleryDefinition($definition: MetafieldDefinitionInput!) {
    metafieldDefinitionCreate(definition: $definition) {
      createdDefinition { id }
      userErrors { field message code }
    }
  }
`;

function slug(text: string): string {
  return (
    text
      .normalize("NFKD")
      .replace(/[^\w\s-]/g, "")
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, "-")
      .slice(0, 60) || "image"
  );
}

/** The DAM's alt text in the shop's primary language (then English, then any), else the asset's title. */
async function altText(
  shop: string,
  byLocale: unknown,
  title: string,
): Promise<string> {
  const texts = (byLocale ?? {}) as Record<string, string>;
  const row = await db.shop.findUnique({
    where: { shop },
    select: { primaryLocale: true },
  });
  const primary = row?.primaryLocale ?? "en";
  return (
    texts[primary] ||
    texts[primary.split("-")[0] ?? ""] ||
    texts.en ||
    Object.values(texts).find(Boolean) ||
    title
  ).slice(0, 512);
}

export interface AssetSyncResult {
  action: "none" | "replaced" | "created" | "recreated" | "blocked";
  fileGid: string | null;
  products: number;
}

/** The products that link the asset. */
export async function linkedProductIds(
  shop: string,
  assetId: string,
): Promise<string[]> {
  const links = await db.assetLink.findMany({
    where: { shop, assetId },
    select: { productId: true },
    distinct: ["productId"],
  });
  return links.map((l) => l.productId);
}

/** Waits for a file we created or replaced to be READY and records it; throws Invalid when Shopify fails it. */
async function confirmReady(
  client: AdminClient,
  fileRowId: string,
  fileGid: string,
): Promise<void> {
  const [state] = await waitForFiles(client, [fileGid]);
  if (state?.status !== "READY")
    throw new Invalid(
      `Shopify could not process the image: ${state?.error ?? "failed"}`,
    );
  await db.shopifyFile.update({
    where: { id: fileRowId },
    data: { ready: true, url: state.url },
  });
}

/**
 * Brings the asset's file in Shopify to its current version; see the module comment. Idempotent and safe to
 * re-run after a crash at any point: a sent replacement is recorded before it is awaited, so a restarted worker
 * finishes it (waits for READY, points the products, deletes a retired file) instead of sending it again.
 */
export async function syncAssetFile(
  shop: string,
  assetId: string,
): Promise<AssetSyncResult> {
  return withLock(`asset:${shop}:${assetId}`, async () => {
    const asset = await db.asset.findFirst({
      where: { shop, id: assetId },
      include: { currentVersion: true },
    });
    const productIds = await linkedProductIds(shop, assetId);
    if (!asset?.currentVersion || asset.status !== "APPROVED")
      return { action: "none", fileGid: null, products: productIds.length };
    const version = asset.currentVersion;
    const revisions = new Map<string, number>();
    for (const productId of productIds)
      revisions.set(productId, await beginSync(shop, productId, CHANNEL));
    const client = await adminClientFor(shop);
    let file = await db.shopifyFile.findUnique({
      where: { shop_assetId: { shop, assetId } },
    });
    let action: AssetSyncResult["action"] = "none";

    if (!file || file.versionId !== version.id) {
      const rendition = await channelRendition(shop, version.id, CHANNEL);
      await stampHops(shop, productIds, CHANNEL, "renderedAt");
      if (!rendition.preflight.passed) {
        const reason = describeFailures(
          asset.title,
          rendition.preflight.failures,
        )!;
        for (const productId of productIds)
          await failSync(shop, productId, CHANNEL, "BLOCKED", reason);
        return {
          action: "blocked",
          fileGid: file?.fileGid ?? null,
          products: productIds.length,
        };
      }
      const filename = `${slug(asset.title)}.${rendition.extension}`;
      const alt = await altText(shop, asset.altText, asset.title);
      const resourceUrl = await stageUpload(client, {
        filename,
        mimeType: rendition.mime,
        bytes: await renditionBytes(rendition),
      });
      if (file && file.extension === rendition.extension) {
        // Same extension: replace in place. Every product and variant keeps pointing at this file.
        await updateFiles(client, [
          { id: file.fileGid, originalSource: resourceUrl, alt },
        ]);
        action = "replaced";
        file = await db.shopifyFile.update({
          where: { id: file.id },
          data: { versionId: version.id, ready: false },
        });
      } else {
        // First publish, or a new extension (fileUpdate cannot change it): a new file, the old one retired.
        const [fileGid] = await createFiles(client, [
          { resourceUrl, filename, alt },
        ]);
        if (!fileGid) throw new Invalid("Shopify created no file");
        action = file ? "recreated" : "created";
        const fields = {
          fileGid,
          versionId: version.id,
          extension: rendition.extension,
          url: null,
          ready: false,
          retiredFileGid: file?.fileGid ?? null,
        };
        file = await db.shopifyFile.upsert({
          where: { shop_assetId: { shop, assetId } },
          create: { shop, assetId, ...fields },
          update: fields,
        });
      }
      await stampHops(shop, productIds, CHANNEL, "pushedAt");
    }

    if (!file.ready) await confirmReady(client, file.id, file.fileGid);
    if (action === "replaced") {
      // In place: the products already show the file, and READY means the new content is served.
      for (const [productId, revision] of revisions)
        await completeSync(shop, productId, CHANNEL, revision);
    } else {
      // A new file, or a re-run that may have stopped before the products were pointed at it.
      const states = await db.syncState.findMany({
        where: { shop, productId: { in: productIds }, channel: CHANNEL },
        select: {
          productId: true,
          appliedRevision: true,
          desiredRevision: true,
        },
      });
      for (const productId of productIds) {
        const state = states.find((s) => s.productId === productId);
        if (
          action !== "none" ||
          !state ||
          state.appliedRevision < state.desiredRevision
        )
          await convergeProduct(shop, productId, client);
        else
          await completeSync(
            shop,
            productId,
            CHANNEL,
            revisions.get(productId)!,
          );
      }
    }
    if (file.retiredFileGid) {
      await deleteFiles(client, [file.retiredFileGid]).catch(
        (error: unknown) => {
          // Already gone (a previous run deleted it) is fine; anything else is retried.
          if (!/does not exist|not found/i.test((error as Error).message))
            throw error;
        },
      );
      await db.shopifyFile.update({
        where: { id: file.id },
        data: { retiredFileGid: null },
      });
    }
    return { action, fileGid: file.fileGid, products: productIds.length };
  });
}

async function ensureGalleryDefinition(
  shop: string,
  client: AdminClient,
): Promise<void> {
  const channels = await shopChannels(shop);
  if (channels.storefront.galleryDefinition) return;
  const data = await client.request(CREATE_GALLERY_DEFINITION, {
    definition: {
      name: "Vitrine gallery",
      namespace: GALLERY.namespace,
      key: GALLERY.key,
      type: "list.file_reference",
      ownerType: "PRODUCTVARIANT",
      description: "Every image of the variant, in order (Vitrine).",
      access: { storefront: "PUBLIC_READ" },
    },
  });
  const errors = (data.metafieldDefinitionCreate?.userErrors ?? []).filter(
    (e) => e.code !== "TAKEN",
  );
  assertNoUserErrors("metafieldDefinitionCreate", errors);
  await updateStorefrontConfig(shop, { galleryDefinition: true });
}

/**
 * Makes the product show exactly its linked assets: references for files it lacks, none for our files it no
 * longer uses, each variant's first image as its native image, the full gallery in the variant metafield.
 * Assets without a file at their current version are handed to syncAssetFile (which converges again after).
 * Returns whether the product is complete.
 */
export async function convergeProduct(
  shop: string,
  productId: string,
  existingClient?: AdminClient,
): Promise<{ complete: boolean; missingAssets: string[] }> {
  return withLock(`product:${shop}:${productId}`, async () => {
    const product = await db.product.findFirst({
      where: { shop, id: productId },
      include: { variants: { orderBy: { position: "asc" } } },
    });
    if (!product) return { complete: true, missingAssets: [] };
    const revision = await beginSync(shop, productId, CHANNEL);
    const links = await db.assetLink.findMany({
      where: { shop, productId, asset: { status: "APPROVED" } },
      include: { asset: { select: { currentVersionId: true } } },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    });
    const files = await db.shopifyFile.findMany({
      where: { shop, assetId: { in: links.map((l) => l.assetId) } },
    });
    const fileOf = new Map(files.map((f) => [f.assetId, f]));
    const missingAssets = [
      ...new Set(
        links
          .filter((l) => {
            const file = fileOf.get(l.assetId);
            return file?.versionId !== l.asset.currentVersionId || !file.ready;
          })
          .map((l) => l.assetId),
      ),
    ];
    const client = existingClient ?? (await adminClientFor(shop));
    const expected = {
      variants: product.variants.length,
      media: links.length + 10,
    };
    const current = await productMedia(client, product.shopifyId, expected);
    const onProduct = new Set(current.media.map((m) => m.id));
    // A file still processing can be kept where it is but not newly attached (Shopify: NON_READY_MEDIA).
    const usable = (assetId: string) => {
      const file = fileOf.get(assetId);
      return file && (file.ready || onProduct.has(file.fileGid))
        ? file.fileGid
        : undefined;
    };
    const wanted = [
      ...new Set(
        [
          ...links.filter((l) => l.variantId === ""),
          ...links.filter((l) => l.variantId !== ""),
        ]
          .map((l) => usable(l.assetId))
          .filter((id): id is string => Boolean(id)),
      ),
    ];
    const ours = await db.shopifyFile.findMany({
      where: { shop, fileGid: { in: [...onProduct] } },
      select: { fileGid: true },
    });
    const updates = [
      ...wanted
        .filter((id) => !onProduct.has(id))
        .map((id) => ({ id, referencesToAdd: [product.shopifyId] })),
      ...ours
        .filter((f) => !wanted.includes(f.fileGid))
        .map((f) => ({
          id: f.fileGid,
          referencesToRemove: [product.shopifyId],
        })),
    ];
    if (updates.length > 0) {
      await updateFiles(client, updates);
      await stampHops(shop, [productId], CHANNEL, "pushedAt");
    }

    const variantImages = new Map<string, string>();
    const galleries: { ownerId: string; ids: string[] }[] = [];
    for (const variant of product.variants) {
      const ids = [
        ...new Set(
          links
            .filter((l) => l.variantId === variant.id)
            .map((l) => usable(l.assetId))
            .filter((id): id is string => Boolean(id)),
        ),
      ];
      if (ids[0]) variantImages.set(variant.shopifyId, ids[0]);
      galleries.push({ ownerId: variant.shopifyId, ids });
    }
    // Removing a reference detaches the media from the variants that showed it: read them again then.
    const refreshed = updates.some((u) => "referencesToRemove" in u)
      ? await productMedia(client, product.shopifyId, expected)
      : current;
    // A variant whose image is no longer ours to show keeps Shopify's image (we never clear merchant images).
    await setVariantImages(
      client,
      product.shopifyId,
      variantImages,
      refreshed.variantMedia,
    );

    const withGallery = galleries.filter((g) => g.ids.length > 0);
    if (withGallery.length > 0) {
      await ensureGalleryDefinition(shop, client);
      for (let i = 0; i < withGallery.length; i += METAFIELDS_PER_CALL) {
        const data = await client.request(SET_GALLERIES, {
          metafields: withGallery
            .slice(i, i + METAFIELDS_PER_CALL)
            .map((g) => ({
              ownerId: g.ownerId,
              namespace: GALLERY.namespace,
              key: GALLERY.key,
              type: "list.file_reference",
              value: JSON.stringify(g.ids),
            })),
        });
        assertNoUserErrors(
          "metafieldsSet",
          data.metafieldsSet?.userErrors ?? [],
        );
      }
    }
    if (missingAssets.length === 0)
      await completeSync(shop, productId, CHANNEL, revision);
    return { complete: missingAssets.length === 0, missingAssets };
  });
}
