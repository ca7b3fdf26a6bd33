// What the asset page shows of a video, spin or 3D model (issue #15): facts and signed URLs for the poster, the
// preview clip and the spin frames. Null for plain images and documents.
import { signedFileUrl } from "./file-urls.server";
import type { MediaView } from "./media-view";
import { spinFramesOf } from "./spin.server";
import {
  modelFactsOf,
  posterKey,
  previewClipKey,
  videoFactsOf,
} from "./stills.server";

/** The version's rich-media view; poster and preview URLs only once the renditions job has made them. */
export function mediaView(
  shop: string,
  version: {
    sha256: string;
    media: unknown;
    renditionsReadyAt: Date | null;
  },
): MediaView {
  const video = videoFactsOf(version.media);
  if (video) {
    const ready = Boolean(version.renditionsReadyAt);
    return {
      kind: "video",
      codec: video.codec,
      audioCodec: video.audioCodec,
      frameRate: video.frameRate,
      posterUrl: ready
        ? signedFileUrl(shop, posterKey(shop, version.sha256))
        : null,
      previewUrl: ready
        ? signedFileUrl(shop, previewClipKey(shop, version.sha256))
        : null,
    };
  }
  const frames = spinFramesOf(version.media);
  if (frames.length)
    return {
      kind: "spin",
      frames: frames.map((f) => signedFileUrl(shop, f.storageKey)),
    };
  const model = modelFactsOf(version.media);
  return model ? { kind: "model", ...model } : null;
}
