// Shopify's CDN as the emulator serves it: the URL of each file's processed content and of a video's or 3D
// model's preview image, and the reverse lookup from a CDN path to what it serves.
import type { ShopifyEmulator } from "./emulator";
import { CDN_HOST } from "./hosts";
import type { FileRecord } from "./state";

export function cdnPath(
  emulator: ShopifyEmulator,
  domain: string,
  filename: string,
): string {
  const digits = String(emulator.shopNumber(domain)).padStart(12, "0");
  return `/s/files/1/${digits.slice(0, 4)}/${digits.slice(4, 8)}/${digits.slice(8)}/files/${encodeURIComponent(filename)}`;
}

/** The CDN URL shoppers load for a file's current content; null until it has been processed once. */
export function fileUrl(
  emulator: ShopifyEmulator,
  domain: string,
  file: FileRecord,
): string | null {
  if (!file.ready) return null;
  return `https://${CDN_HOST}${cdnPath(emulator, domain, file.filename)}?v=${file.ready.version}`;
}

/** The CDN URL of a video's or 3D model's generated preview image; null until processed. */
export function previewUrl(
  emulator: ShopifyEmulator,
  domain: string,
  file: FileRecord,
): string | null {
  if (!file.ready?.preview) return null;
  const base = cdnPath(emulator, domain, file.filename).replace(
    /\/files\/[^/]+$/,
    `/files/preview_images/${encodeURIComponent(file.filename)}.jpg`,
  );
  return `https://${CDN_HOST}${base}?v=${file.ready.version}`;
}

/** What the CDN serves at a path: a file's processed content or a media preview image. */
export function cdnContent(
  emulator: ShopifyEmulator,
  path: string,
): { blobKey: string; mimeType: string } | null {
  const preview = /^(.*\/files)\/preview_images\/([^/]+)\.jpg$/.exec(path);
  if (preview) {
    const found = fileByCdnPath(emulator, `${preview[1]}/${preview[2]}`);
    const image = found?.file.ready?.preview;
    return image ? { blobKey: image.blobKey, mimeType: "image/jpeg" } : null;
  }
  const found = fileByCdnPath(emulator, path);
  return found?.file.ready
    ? {
        blobKey: found.file.ready.blobKey,
        mimeType: found.file.ready.mimeType,
      }
    : null;
}

/** Finds the file whose CDN path this is. */
export function fileByCdnPath(
  emulator: ShopifyEmulator,
  path: string,
): { domain: string; file: FileRecord } | null {
  for (const domain of emulator.shopDomains()) {
    for (const file of emulator.shop(domain).files.values()) {
      if (cdnPath(emulator, domain, file.filename) === path)
        return { domain, file };
    }
  }
  return null;
}
