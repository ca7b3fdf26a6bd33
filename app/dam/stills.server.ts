// The still image of any version: what thumbnails and every image-only channel are rendered from. An image is its
// own still (a spin's master is its frame 1); a video's still is its poster frame; a 3D model's is a generated
// card (model3d.server.ts). Video posters and preview clips are made once, stored by the master's hash.
import { Invalid } from "~/lib/errors";
import { modelStillSvg, type ModelFacts } from "./model3d.server";
import { renditionStoragePath } from "./rendition-keys";
import { getStorage } from "./storage.server";
import {
  extractPoster,
  makePreview,
  withVideoFile,
  type VideoFacts,
} from "./video.server";

export interface StillSource {
  sha256: string;
  storageKey: string;
  mime: string;
  filename: string;
  durationMs: number | null;
  media: unknown;
}

export interface Still {
  bytes: Buffer;
  mime: string;
}

/** Versions with a still image: images, videos (poster frame), 3D models (generated card). */
export const hasStill = (mime: string) => /^(image|video|model)\//.test(mime);

export const posterKey = (shop: string, sha256: string) =>
  renditionStoragePath(shop, sha256, "poster", "jpg");
export const previewClipKey = (shop: string, sha256: string) =>
  renditionStoragePath(shop, sha256, "preview-clip", "mp4");

export function videoFactsOf(
  media: unknown,
): Omit<VideoFacts, "durationMs" | "width" | "height"> | null {
  return (media as { video?: VideoFacts } | null)?.video ?? null;
}

export function modelFactsOf(media: unknown): ModelFacts | null {
  return (media as { model?: ModelFacts } | null)?.model ?? null;
}

/**
 * The version's poster frame (JPEG), made by ffmpeg from the master on first use and stored. Idempotent. Throws
 * `Invalid` when no frame can be decoded, MediaToolMissing without ffmpeg.
 */
export async function videoPoster(
  shop: string,
  version: StillSource,
): Promise<Buffer> {
  const storage = getStorage();
  const key = posterKey(shop, version.sha256);
  if (await storage.has(key)) return storage.get(key);
  const master = await storage.get(version.storageKey);
  const poster = await withVideoFile(master, (file) =>
    extractPoster(file, version.durationMs ?? 1000),
  );
  await storage.put(key, poster);
  return poster;
}

/** Makes and stores the version's muted preview clip unless it exists. Idempotent. Throws like videoPoster. */
export async function ensureVideoPreview(
  shop: string,
  version: StillSource,
): Promise<void> {
  const storage = getStorage();
  const key = previewClipKey(shop, version.sha256);
  if (await storage.has(key)) return;
  const master = await storage.get(version.storageKey);
  await storage.put(key, await withVideoFile(master, makePreview));
}

/** The still of a version, or null for kinds without one (PDFs). Throws like videoPoster. */
export async function stillOf(
  shop: string,
  version: StillSource,
): Promise<Still | null> {
  if (version.mime.startsWith("image/"))
    return {
      bytes: await getStorage().get(version.storageKey),
      mime: version.mime,
    };
  if (version.mime.startsWith("video/"))
    return { bytes: await videoPoster(shop, version), mime: "image/jpeg" };
  if (version.mime.startsWith("model/")) {
    const facts = modelFactsOf(version.media);
    if (!facts) throw new Invalid("the 3D model was stored without its facts");
    const title = version.filename.replace(/\.[^.]*$/, "");
    return { bytes: modelStillSvg(title, facts), mime: "image/svg+xml" };
  }
  return null;
}
