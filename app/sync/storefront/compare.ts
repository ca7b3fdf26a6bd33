// Pure: the storefront's desired state against what Shopify was read back to show, and the plan that closes the
// gap. Vitrine owns the files it created (their media, the variant images it set, the `$app.gallery` metafield);
// merchant images are never touched. App metafields hold PIM values: a value that Shopify shows differently from
// both what we last wrote and what the PIM wants was edited in Shopify — drift for the merchant, not overwritten.
import type { DriftItem } from "../channels/adapter";
import type { StorefrontDesired } from "./desired.db.server";
import type { ObservedFile, ObservedProduct } from "./shopify-reads.server";
import type { SpinView } from "./spin-files.server";

export const GALLERY_KEY = "gallery";

export interface FileRowView {
  assetId: string;
  fileGid: string;
  versionId: string | null;
  fileSize: number | null;
  fileUpdatedAt: Date | null;
}

export interface PublishedView {
  ownerShopifyId: string;
  key: string;
  value: string;
}

export interface StorefrontView {
  rows: ReadonlyMap<string, FileRowView>;
  files: ReadonlyMap<string, ObservedFile>;
  product: ObservedProduct;
  /** Every file of the shop that Vitrine created (current or not), among those the product shows. */
  ours: ReadonlySet<string>;
  published: readonly PublishedView[];
  /** The product's 360° spin as Shopify holds it (spin-files.server.ts). */
  spin?: SpinView;
}

export interface StorefrontPlan {
  /** Assets whose file does not hold the desired version (or alt text). */
  fileWork: string[];
  referencesToAdd: string[];
  referencesToRemove: string[];
  /** Variant GID → the media it must show. */
  variantImages: Map<string, string>;
  /** Variant GID → our media it must stop showing. */
  variantDetach: Map<string, string>;
  galleriesSet: { ownerId: string; ids: string[] }[];
  galleriesDelete: string[];
  /** PIM values Shopify lacks (approved, not yet written, or written and lost). */
  publish: number;
  drift: DriftItem[];
  differences: string[];
}

/** Equal metafield values, whatever JSON formatting Shopify gives back. */
export function sameValue(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return (
      JSON.stringify(sortKeys(JSON.parse(a))) ===
      JSON.stringify(sortKeys(JSON.parse(b)))
    );
  } catch {
    return false;
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  return value;
}

/**
 * Whether the file holds the desired version and alt: READY with the byte size of that version's rendition (a
 * replacement made in the Shopify admin changes it; our own reference changes do not).
 */
export function fileIsCurrent(
  desired: { versionId: string; alt: string },
  row: Pick<FileRowView, "versionId" | "fileSize"> | null | undefined,
  file: ObservedFile | undefined,
): boolean {
  return Boolean(
    row &&
    file &&
    row.versionId === desired.versionId &&
    row.fileSize !== null &&
    file.status === "READY" &&
    file.fileSize === row.fileSize &&
    (file.alt ?? "") === desired.alt,
  );
}

export function planStorefront(
  desired: StorefrontDesired,
  view: StorefrontView,
): StorefrontPlan {
  const differences: string[] = [];
  const titleOf = new Map(desired.assets.map((a) => [a.assetId, a.title]));
  const fileWork = desired.assets
    .filter(
      (a) =>
        !fileIsCurrent(
          a,
          view.rows.get(a.assetId),
          view.files.get(view.rows.get(a.assetId)?.fileGid ?? ""),
        ),
    )
    .map((a) => a.assetId);
  for (const assetId of fileWork)
    differences.push(
      `“${titleOf.get(assetId)}” is not the approved version in Shopify Files`,
    );

  const gidOf = (assetId: string) => view.rows.get(assetId)?.fileGid;
  const onProduct = new Set(view.product.media.map((m) => m.id));
  const wanted = desired.media
    .map(gidOf)
    .filter((id): id is string => Boolean(id));
  const referencesToAdd = wanted.filter((id) => !onProduct.has(id));
  const referencesToRemove = [...onProduct].filter(
    (id) => view.ours.has(id) && !wanted.includes(id),
  );
  if (desired.media.some((a) => !gidOf(a)) || referencesToAdd.length)
    differences.push("an approved image is missing from the product's media");
  if (referencesToRemove.length)
    differences.push(
      `${referencesToRemove.length} unlinked image(s) still on the product`,
    );
  for (const media of view.product.media)
    if (wanted.includes(media.id) && media.status !== "READY")
      differences.push("an image is still processing in Shopify");

  const variantImages = new Map<string, string>();
  const variantDetach = new Map<string, string>();
  for (const variantGid of desired.variantGids) {
    const shown = view.product.variantMedia.get(variantGid) ?? null;
    const assetId = desired.variantImage[variantGid] ?? null;
    if (assetId) {
      const gid = gidOf(assetId);
      if (!gid || shown !== gid) {
        if (gid) variantImages.set(variantGid, gid);
        differences.push("a variant does not show its image");
      }
    } else if (shown && view.ours.has(shown)) {
      variantDetach.set(variantGid, shown);
      differences.push("a variant still shows an unlinked image");
    }
  }

  const galleriesSet: StorefrontPlan["galleriesSet"] = [];
  const galleriesDelete: string[] = [];
  const observedOf = (ownerId: string, key: string) =>
    view.product.metafields.find((m) => m.ownerId === ownerId && m.key === key);
  for (const variantGid of desired.variantGids) {
    const ids = (desired.gallery[variantGid] ?? [])
      .map(gidOf)
      .filter((id): id is string => Boolean(id));
    const current = observedOf(variantGid, GALLERY_KEY);
    if ((desired.gallery[variantGid] ?? []).length > 0) {
      if (!current || !sameValue(current.value, JSON.stringify(ids)))
        galleriesSet.push({ ownerId: variantGid, ids });
    } else if (current) galleriesDelete.push(variantGid);
  }
  if (galleriesSet.length || galleriesDelete.length)
    differences.push("a variant gallery differs");

  // PIM values.
  let publish = 0;
  const drift: DriftItem[] = [];
  const publishedOf = (ownerId: string, key: string) =>
    view.published.find((p) => p.ownerShopifyId === ownerId && p.key === key);
  const desiredKeys = new Set(
    desired.metafields.map((m) => `${m.ownerShopifyId}|${m.key}`),
  );
  for (const m of desired.metafields) {
    const theirs = observedOf(m.ownerShopifyId, m.key);
    const ours = publishedOf(m.ownerShopifyId, m.key);
    if (theirs && sameValue(theirs.value, m.value)) continue;
    if (!ours || (theirs && sameValue(theirs.value, ours.value))) publish += 1;
    else
      drift.push({
        kind: theirs ? "METAFIELD_EDITED" : "METAFIELD_DELETED",
        detail: {
          owner: m.ownerShopifyId,
          key: m.key,
          ours: m.value,
          theirs: theirs?.value ?? null,
        },
      });
  }
  for (const p of view.published) {
    if (desiredKeys.has(`${p.ownerShopifyId}|${p.key}`)) continue;
    const theirs = observedOf(p.ownerShopifyId, p.key);
    if (!theirs) continue;
    if (sameValue(theirs.value, p.value)) publish += 1;
    else
      drift.push({
        kind: "METAFIELD_EDITED",
        detail: {
          owner: p.ownerShopifyId,
          key: p.key,
          ours: null,
          theirs: theirs.value,
        },
      });
  }
  if (publish) differences.push(`${publish} approved value(s) not in Shopify`);

  return {
    fileWork,
    referencesToAdd,
    referencesToRemove,
    variantImages,
    variantDetach,
    galleriesSet,
    galleriesDelete,
    publish,
    drift,
    differences,
  };
}

/** Whether shoppers see the product on the Online Store, and why not. */
export function storefrontListing(product: ObservedProduct): {
  listed: boolean;
  reason: string | null;
} {
  if (product.status === "DRAFT")
    return {
      listed: false,
      reason: "Draft in Shopify: shoppers cannot see it",
    };
  if (product.status === "ARCHIVED")
    return { listed: false, reason: "Archived in Shopify" };
  if (product.status === "UNLISTED")
    return {
      listed: false,
      reason: "Unlisted in Shopify: only people with the link can see it",
    };
  if (!product.onlineStoreUrl)
    return { listed: false, reason: "Not published to the Online Store" };
  return { listed: true, reason: null };
}
