// The Shopify storefront as a channel: desired state from the approved data, observed state read back from the
// Admin API (product status and publication, media, variant images, galleries, app metafields, each file's
// content), and the pushes that close the gap (files, references, variant images, galleries, PIM values).
import { Upstream } from "~/lib/errors";
import { publishProductValues } from "~/pim/publish.server";
import type { AdminClient } from "~/shopify/admin-client.server";
import {
  shopChannels,
  updateStorefrontConfig,
} from "../channels/channels.db.server";
import type {
  ChannelAdapter,
  Observation,
  RunContext,
} from "../channels/adapter";
import {
  GALLERY_KEY,
  planStorefront,
  storefrontListing,
  type StorefrontPlan,
  type StorefrontView,
} from "./compare";
import { digestOf } from "../canonical";
import { launchStagingMedia } from "../launch-gate.db.server";
import { storefrontDesired, type StorefrontDesired } from "./desired.db.server";
import {
  createFileListDefinition,
  deleteFileLists,
  setFileLists,
} from "./file-list-metafields.server";
import { fileRowsOf } from "./files.db.server";
import { ensureAssetFile } from "./files.server";
import { isMediaVersion } from "./media-files.server";
import { updateFiles } from "./shopify-media.server";
import { setVariantImages } from "./shopify-product-media.server";
import { readStorefront, refreshFiles } from "./view.server";
import { planSpin, uploadSpinFrames, writeSpin } from "./spin-files.server";

const spinPlanOf = (desired: StorefrontDesired, view: StorefrontView) =>
  planSpin(desired.spin, view.spin ?? { files: new Map(), value: null });

/** The variant metafield holding the variant's whole gallery (the theme extension reads it). */
export const GALLERY = { namespace: "$app", key: GALLERY_KEY } as const;

export interface StorefrontObservation extends Observation {
  view: StorefrontView;
  plan: StorefrontPlan;
}

/** The touched scope of an apply that did file work on images only. */
const FILES_ONLY = ["files"] as const;

async function ensureGalleryDefinition(
  shop: string,
  client: AdminClient,
): Promise<void> {
  const channels = await shopChannels(shop);
  if (channels.storefront.galleryDefinition) return;
  await createFileListDefinition(client, {
    name: "Vitrine gallery",
    key: GALLERY.key,
    ownerType: "PRODUCTVARIANT",
    description: "Every image of the variant, in order (Vitrine).",
  });
  await updateStorefrontConfig(shop, { galleryDefinition: true });
}

async function writeGalleries(
  shop: string,
  client: AdminClient,
  plan: StorefrontPlan,
): Promise<void> {
  if (plan.galleriesSet.length) await ensureGalleryDefinition(shop, client);
  await setFileLists(client, GALLERY.key, plan.galleriesSet);
  await deleteFileLists(client, GALLERY.key, plan.galleriesDelete);
}

function observation(
  desired: StorefrontDesired,
  view: StorefrontView,
): StorefrontObservation {
  const plan = planStorefront(desired, view);
  plan.differences.push(...spinPlanOf(desired, view).differences);
  const listing = storefrontListing(view.product);
  const drift = plan.drift.length;
  return {
    digest: digestOf({
      files: [...view.rows.values()].map((r) => [
        r.assetId,
        r.fileGid,
        view.files.get(r.fileGid)?.status,
        view.files.get(r.fileGid)?.updatedAt?.toISOString(),
        view.files.get(r.fileGid)?.fileSize,
      ]),
      media: view.product.media.map((m) => [m.id, m.status]),
      variants: [...view.product.variantMedia.entries()],
      metafields: view.product.metafields.map((m) => [
        m.ownerId,
        m.key,
        m.value,
      ]),
      status: view.product.status,
      online: Boolean(view.product.onlineStoreUrl),
      spin: view.spin?.value ?? null,
    }),
    differences: plan.differences,
    listed: listing.listed,
    reason: drift
      ? `${drift} value(s) were changed in Shopify: accept or revert them on the product page`
      : listing.reason,
    drift: plan.drift,
    observedUpdatedAt: view.product.updatedAt,
    view,
    plan,
  };
}

/** Whether an image of `desired` has no Shopify file holding its approved version yet (from our rows only). */
async function awaitsUpload(
  shop: string,
  desired: StorefrontDesired,
): Promise<boolean> {
  const rows = await fileRowsOf(
    shop,
    desired.assets.map((a) => a.assetId),
  );
  const held = new Set(rows.map((r) => `${r.assetId} ${r.versionId}`));
  return desired.assets.some((a) => !held.has(`${a.assetId} ${a.versionId}`));
}

const launchHoldReason = (launch: string) =>
  `Launch “${launch}” uploads this product's images in bulk when it is staged`.slice(
    0,
    1000,
  );

export const storefrontAdapter: ChannelAdapter<
  StorefrontDesired,
  StorefrontObservation
> = {
  kind: "SHOPIFY_STOREFRONT",
  settleMs: 60_000,
  enabled: () => Promise.resolve(true),
  async desired(ctx) {
    const desired = await storefrontDesired(ctx.shop, ctx.productId);
    if (desired.blocked) return desired;
    const launch = await launchStagingMedia(ctx.shop, ctx.productId);
    return launch && (await awaitsUpload(ctx.shop, desired))
      ? { ...desired, blocked: launchHoldReason(launch) }
      : desired;
  },
  async observe(ctx, desired, since) {
    const client = await ctx.client();
    if (since?.touched.length === 1 && since.touched[0] === FILES_ONLY[0]) {
      // The files again, the product as read before the apply: enough when that shows everything converged.
      // Anything still different may be on the product (a media still processing when it was read): read it all.
      const quick = observation(
        desired,
        await refreshFiles(ctx.shop, client, desired, since.observed.view),
      );
      if (quick.differences.length === 0) return quick;
    }
    return observation(
      desired,
      await readStorefront(ctx.shop, client, desired),
    );
  },
  async apply(ctx: RunContext, desired, observed) {
    // The gate closed since desired() was read (staging started meanwhile): the launch's bulk step uploads.
    if (observed.plan.fileWork.length > 0) {
      const launch = await launchStagingMedia(ctx.shop, ctx.productId);
      if (launch)
        throw new Upstream(launchHoldReason(launch), true, {
          retryAfterMs: 30_000,
        });
    }
    const client = await ctx.client();
    const titled = new Map(desired.assets.map((a) => [a.assetId, a]));
    let videoWork = false;
    for (const assetId of observed.plan.fileWork) {
      const target = titled.get(assetId)!;
      videoWork ||= await isMediaVersion(ctx.shop, target.versionId);
      await ensureAssetFile(ctx.shop, client, target);
    }
    let view = !observed.plan.fileWork.length
      ? observed.view
      : videoWork
        ? await readStorefront(ctx.shop, client, desired)
        : await refreshFiles(ctx.shop, client, desired, observed.view);
    let plan = planStorefront(desired, view);
    let productTouched = videoWork;
    const references = [
      ...plan.referencesToAdd.map((id) => ({
        id,
        referencesToAdd: [desired.productGid],
      })),
      ...plan.referencesToRemove.map((id) => ({
        id,
        referencesToRemove: [desired.productGid],
      })),
    ];
    if (references.length) {
      productTouched = true;
      await updateFiles(client, references);
      // Removing a reference also clears the variants that showed it: read them again.
      view = await readStorefront(ctx.shop, client, desired);
      plan = planStorefront(desired, view);
    }
    const current = view.product.variantMedia;
    productTouched ||=
      plan.variantImages.size > 0 ||
      plan.variantDetach.size > 0 ||
      plan.galleriesSet.length > 0 ||
      plan.galleriesDelete.length > 0 ||
      plan.publish > 0;
    if (plan.variantImages.size || plan.variantDetach.size)
      await setVariantImages(
        client,
        desired.productGid,
        plan.variantImages,
        current,
        plan.variantDetach,
      );
    await writeGalleries(ctx.shop, client, plan);
    let spin = spinPlanOf(desired, view);
    productTouched ||= spin.upload.length > 0 || spin.differences.length > 0;
    if (spin.upload.length) {
      await uploadSpinFrames(client, spin.upload);
      view = await readStorefront(ctx.shop, client, desired);
      spin = spinPlanOf(desired, view);
    }
    await writeSpin(client, desired.productGid, spin);
    if (plan.publish > 0)
      await publishProductValues(
        ctx.shop,
        desired.productId,
        client,
        undefined,
        {
          force: true,
        },
      );
    // Only files changed (a replaced image's content): the read-back reads the files, not the product again.
    return productTouched || observed.plan.fileWork.length === 0
      ? undefined
      : { touched: FILES_ONLY };
  },
};
