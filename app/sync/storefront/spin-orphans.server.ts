// Spin frames nothing shows any more (issue #15): a spin's frames are image files named
// `vitrinespin-{assetId}-{nn}-{sha12}.{ext}` with no ShopifyFile row, so the orphan sweep judges them by name.
// A frame is kept while its asset is linked to a product and the asset's current version has a frame of that
// name; a replaced spin's old frames and an unlinked or erased spin's frames go. Files younger than the grace
// period are kept (an upload may still be recording), and so are the old frames of a spin whose new version was
// approved within it (the storefront still shows them until its sync rewrites `$app.spin`).
import type { VitrineFile } from "./shopify-reads.server";
import { findFiles } from "./shopify-reads.server";
import type { AdminClient } from "~/shopify/admin-client.server";
import { spinAssetsForOrphanCheck } from "./spin-files.db.server";
import { frameName, SPIN_FILE_PREFIX } from "./spin-files.server";

/** The asset id a frame file's name carries (cuid ids: lower case, no dash), or null for another name. */
function assetIdOf(filename: string): string | null {
  if (!filename.startsWith(SPIN_FILE_PREFIX)) return null;
  return filename.slice(SPIN_FILE_PREFIX.length).split("-")[0] || null;
}

/** The file's name, from its URL (Shopify's files query has no filename field for images). */
export function fileNameOf(file: VitrineFile): string | null {
  if (!file.url) return null;
  return decodeURIComponent(file.url.split("/").pop()!.split("?")[0]!);
}

/**
 * The spin frame files of the shop that nothing should show (see above). Reads only; the caller deletes them.
 * A file still processing (no URL, so no name yet) is left for a later sweep.
 */
export async function findOrphanSpinFrames(
  shop: string,
  client: AdminClient,
  graceMs: number,
  now = new Date(),
): Promise<string[]> {
  const old = (at: Date) => now.getTime() - at.getTime() >= graceMs;
  const frames = (await findFiles(client, SPIN_FILE_PREFIX, 5000))
    .map((file) => {
      const name = fileNameOf(file);
      return { file, name, assetId: name ? assetIdOf(name) : null };
    })
    .filter((f) => f.name && f.assetId && old(f.file.createdAt));
  if (frames.length === 0) return [];
  const assets = await spinAssetsForOrphanCheck(shop, [
    ...new Set(frames.map((f) => f.assetId!)),
  ]);
  const wanted = new Map(
    assets.map((a) => [
      a.assetId.toLowerCase(),
      {
        recent: !old(a.updatedAt),
        names: new Set(
          a.linked ? a.frames.map((f, i) => frameName(a.assetId, f, i)) : [],
        ),
      },
    ]),
  );
  return frames
    .filter(({ name, assetId }) => {
      const asset = wanted.get(assetId!);
      if (!asset) return true;
      return !asset.recent && !asset.names.has(name!);
    })
    .map(({ file }) => file.id);
}
