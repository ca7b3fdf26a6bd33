// One wave of bulk media staging (bulk-stage.server.ts), Shopify's part: the renditions staged and created as
// files in one bulk fileCreate, recorded once read back READY with the rendition's byte size (as the per-pair path
// records them), attached to their product in one bulk fileUpdate, and shown on their variants in one bulk
// productVariantAppendMedia. Each step hands on only the products whose lines succeeded; the others are in
// `failed` with Shopify's words.
import type { AdminClient } from "~/shopify/admin-client.server";
import {
  renditionBytes,
  type ChannelRendition,
} from "~/sync/renditions.server";
import {
  createFileRow,
  recordFileHolds,
} from "~/sync/storefront/files.db.server";
import { readFiles } from "~/sync/storefront/shopify-reads.server";
import {
  APPEND_VARIANT_MEDIA,
  ATTACH_FILES,
  bulkLines,
  CREATE_FILES,
  stageUploads,
} from "./bulk-media-shopify.server";

const READY_TIMEOUT_MS = 10 * 60_000;

export interface PlannedFile {
  assetId: string;
  versionId: string;
  alt: string;
  filename: string;
  rendition: ChannelRendition;
  fileGid?: string;
  rowId?: string;
}

export interface PlannedProduct {
  productId: string;
  productGid: string;
  files: PlannedFile[];
  /** Asset ids on the product's media, in order. */
  media: string[];
  variantImage: Record<string, string | null>;
}

/** Polls the files until none is still processing; returns what Shopify shows of each. */
async function readWhenProcessed(client: AdminClient, ids: string[]) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let delay = 500;
  for (;;) {
    const seen = await readFiles(client, ids);
    const busy = [...seen.values()].some(
      (f) => f.status === "UPLOADED" || f.status === "PROCESSING",
    );
    if (!busy || Date.now() > deadline) return seen;
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(5_000, Math.round(delay * 1.5));
  }
}

/** Creates the wave's files in one bulk fileCreate and records them (pending until read back READY). */
export async function createWaveFiles(
  shop: string,
  client: AdminClient,
  wave: PlannedProduct[],
  tag: string,
  failed: Map<string, string>,
  taken: string[],
): Promise<PlannedProduct[]> {
  const files = wave.flatMap((p) => p.files);
  const urls = await stageUploads(
    client,
    files.map((f) => ({
      filename: f.filename,
      mimeType: f.rendition.mime,
      size: f.rendition.bytes,
      read: () => renditionBytes(f.rendition),
    })),
  );
  const urlOf = new Map(files.map((f, i) => [f, urls[i]!]));
  const created = await bulkLines(
    client,
    CREATE_FILES,
    "fileCreate",
    wave.map((p) => [
      p,
      {
        files: p.files.map((f) => ({
          originalSource: urlOf.get(f),
          filename: f.filename,
          alt: f.alt,
          contentType: "IMAGE",
          // A name already taken is a copy whose record was lost: the per-pair path adopts it by name.
          duplicateResolutionMode: "RAISE_ERROR",
        })),
      },
    ]),
    `${tag}-files`,
  );
  for (const [p, why] of created.failed)
    // A name taken: a pair run created the file meanwhile (the product is its now), not a failure.
    if (/already exists/i.test(why)) taken.push(p.productId);
    else failed.set(p.productId, why);
  const ok: PlannedProduct[] = [];
  for (const [p, payload] of created.ok) {
    const ids = ((payload.files ?? []) as { id: string }[]).map((f) => f.id);
    if (ids.length !== p.files.length) {
      failed.set(p.productId, "Shopify created fewer files than sent");
      continue;
    }
    for (const [i, f] of p.files.entries()) {
      f.fileGid = ids[i]!;
      ({ id: f.rowId } = await createFileRow({
        shop,
        assetId: f.assetId,
        fileGid: f.fileGid,
        extension: f.rendition.extension,
        pendingVersionId: f.versionId,
      }));
    }
    ok.push(p);
  }
  return ok;
}

/** Records what each file holds once READY with the rendition's size; a product with a file that is not, fails. */
export async function confirmWaveFiles(
  client: AdminClient,
  wave: PlannedProduct[],
  failed: Map<string, string>,
): Promise<PlannedProduct[]> {
  const seen = await readWhenProcessed(
    client,
    wave.flatMap((p) => p.files.map((f) => f.fileGid!)),
  );
  const ok: PlannedProduct[] = [];
  for (const p of wave) {
    const wrong = p.files.find((f) => {
      const file = seen.get(f.fileGid!);
      return file?.status !== "READY" || file.fileSize !== f.rendition.bytes;
    });
    if (wrong) {
      const file = seen.get(wrong.fileGid!);
      failed.set(
        p.productId,
        `Shopify shows ${wrong.filename} ${file?.status ?? "MISSING"}${file?.error ? ` (${file.error})` : ""}`,
      );
      continue;
    }
    for (const f of p.files) {
      const file = seen.get(f.fileGid!)!;
      await recordFileHolds(f.rowId!, {
        versionId: f.versionId,
        fileSize: file.fileSize,
        fileUpdatedAt: file.updatedAt,
        alt: file.alt,
        url: file.url,
      });
    }
    ok.push(p);
  }
  return ok;
}

/** Attaches the files to their product (its media, in order), then points each variant at its image. */
export async function attachWave(
  client: AdminClient,
  wave: PlannedProduct[],
  tag: string,
  failed: Map<string, string>,
): Promise<PlannedProduct[]> {
  const gidOf = (p: PlannedProduct, assetId: string) =>
    p.files.find((f) => f.assetId === assetId)?.fileGid;
  const attached = await bulkLines(
    client,
    ATTACH_FILES,
    "fileUpdate",
    wave.map((p) => [
      p,
      {
        files: p.media.flatMap((assetId) => {
          const id = gidOf(p, assetId);
          return id ? [{ id, referencesToAdd: [p.productGid] }] : [];
        }),
      },
    ]),
    `${tag}-attach`,
  );
  for (const [p, why] of attached.failed) failed.set(p.productId, why);
  const withImages = [...attached.ok.keys()].map((p) => {
    const variantMedia = Object.entries(p.variantImage).flatMap(
      ([variantId, assetId]) => {
        const id = assetId ? gidOf(p, assetId) : undefined;
        return id ? [{ variantId, mediaIds: [id] }] : [];
      },
    );
    return [p, { productId: p.productGid, variantMedia }] as const;
  });
  const linked = await bulkLines(
    client,
    APPEND_VARIANT_MEDIA,
    "productVariantAppendMedia",
    withImages.filter(([, v]) => v.variantMedia.length > 0),
    `${tag}-variants`,
  );
  for (const [p, why] of linked.failed) failed.set(p.productId, why);
  return [...attached.ok.keys()].filter((p) => !linked.failed.has(p));
}
