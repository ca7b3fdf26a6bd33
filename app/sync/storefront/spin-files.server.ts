// 360° spins on the storefront (issue #15). Shopify has no spin media type: every frame is uploaded as an image
// file named `vitrinespin-{assetId}-{nn}-{sha12}.{ext}` (found again by name, so a lost answer or a crash never
// uploads a frame twice), and the ordered file ids go to the app-owned product metafield `$app.spin`
// (list.file_reference) that the theme extension's spin block reads. Frame 1 is also the asset's ordinary image
// media. The name prefix is not `vitrine-`: the orphan sweep judges frames by name (spin-orphans.server.ts).
import { getStorage } from "~/dam/storage.server";
import type { SpinFrame } from "~/dam/spin.server";
import type { AdminClient } from "~/shopify/admin-client.server";
import { sameValue } from "./compare";
import {
  createFileListDefinition,
  deleteFileLists,
  setFileLists,
} from "./file-list-metafields.server";
import { createFiles, stageUpload, waitForFiles } from "./shopify-media.server";
import type { ObservedMetafield } from "./shopify-reads.server";
import { findFiles } from "./shopify-reads.server";
import type { DesiredSpin } from "./spin-files.db.server";

export const SPIN_KEY = "spin";

/** Every spin frame file's name starts with this; the asset id follows. */
export const SPIN_FILE_PREFIX = "vitrinespin-";
const prefixOf = (assetId: string) =>
  `${SPIN_FILE_PREFIX}${assetId.toLowerCase()}-`;
const extensionOf = (mime: string) =>
  mime === "image/png" ? "png" : mime === "image/webp" ? "webp" : "jpg";
export const frameName = (assetId: string, frame: SpinFrame, index: number) =>
  `${prefixOf(assetId)}${String(index + 1).padStart(3, "0")}-${frame.sha256.slice(0, 12)}.${extensionOf(frame.mime)}`;

export interface SpinView {
  /** Frame file name → Shopify file id, for the files of the desired spin's asset. */
  files: Map<string, string>;
  /** The product's `$app.spin` value as Shopify shows it. */
  value: string | null;
}

/** What Shopify holds of the product's spin: the frame files of the desired asset and the metafield. */
export async function readSpin(
  client: AdminClient,
  productGid: string,
  desired: DesiredSpin | null,
  metafields: readonly ObservedMetafield[],
): Promise<SpinView> {
  const value =
    metafields.find((m) => m.ownerId === productGid && m.key === SPIN_KEY)
      ?.value ?? null;
  const files = new Map<string, string>();
  if (desired)
    for (const file of await findFiles(client, prefixOf(desired.assetId), 500))
      if (file.url)
        files.set(
          decodeURIComponent(file.url.split("/").pop()!.split("?")[0]!),
          file.id,
        );
  return { files, value };
}

export interface SpinPlan {
  /** Frames Shopify does not have yet. */
  upload: { frame: SpinFrame; filename: string }[];
  /** The metafield value to write (frame file ids in order), or null. */
  set: string[] | null;
  remove: boolean;
  differences: string[];
}

/** Pure: what to do so the product's spin shows the desired frames. */
export function planSpin(
  desired: DesiredSpin | null,
  view: SpinView,
): SpinPlan {
  if (!desired)
    return {
      upload: [],
      set: null,
      remove: view.value !== null,
      differences:
        view.value !== null
          ? ["an unlinked 360° spin is still on the product"]
          : [],
    };
  const names = desired.frames.map((f, i) => frameName(desired.assetId, f, i));
  const upload = desired.frames
    .map((frame, i) => ({ frame, filename: names[i]! }))
    .filter((f) => !view.files.has(f.filename));
  if (upload.length)
    return {
      upload,
      set: null,
      remove: false,
      differences: [
        `${upload.length} frame(s) of the 360° spin are not in Shopify Files`,
      ],
    };
  const ids = names.map((n) => view.files.get(n)!);
  const same =
    view.value !== null && sameValue(view.value, JSON.stringify(ids));
  return {
    upload: [],
    set: same ? null : ids,
    remove: false,
    differences: same ? [] : ["the product's 360° spin differs"],
  };
}

/** Uploads the missing frames (staged, one fileCreate batch) and waits until Shopify has them READY. */
export async function uploadSpinFrames(
  client: AdminClient,
  frames: SpinPlan["upload"],
): Promise<void> {
  const staged = [];
  for (const { frame, filename } of frames)
    staged.push({
      filename,
      alt: "",
      resourceUrl: await stageUpload(client, {
        filename,
        mimeType: frame.mime,
        bytes: await getStorage().get(frame.storageKey),
      }),
    });
  await waitForFiles(client, await createFiles(client, staged));
}

/** Writes (or removes) the product's `$app.spin` metafield, creating its definition on first use. Idempotent. */
export async function writeSpin(
  client: AdminClient,
  productGid: string,
  plan: SpinPlan,
): Promise<void> {
  if (plan.set) {
    await createFileListDefinition(client, {
      name: "Vitrine 360° spin",
      key: SPIN_KEY,
      ownerType: "PRODUCT",
      description: "The frames of the product's 360° spin, in order (Vitrine).",
    });
    await setFileLists(client, SPIN_KEY, [
      { ownerId: productGid, ids: plan.set },
    ]);
  } else if (plan.remove) {
    await deleteFileLists(client, SPIN_KEY, [productGid]);
  }
}
