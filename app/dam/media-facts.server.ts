// The facts ingest records for videos and 3D models (issue #15): ffprobe's duration, frame size and codecs; the
// glTF validator's verdict and the model's size. A refused file throws `Invalid` before anything is stored.
import { logger } from "~/lib/logger.server";
import type { VersionFacts } from "./asset.db.server";
import { mp4DurationMs, type DetectedType } from "./detect.server";
import { MediaToolMissing } from "./ffmpeg.server";
import { validateModel } from "./model3d.server";
import { probeVideo } from "./video.server";

type MediaFacts = Partial<
  Pick<VersionFacts, "durationMs" | "width" | "height" | "media">
>;

/** Facts of a video or 3D model at `file`; `{}` for other kinds. Throws `Invalid` for a refused file. */
export async function richMediaFacts(
  file: string,
  type: DetectedType,
): Promise<MediaFacts> {
  if (type.kind === "MODEL_3D")
    return { media: { model: await validateModel(file) } };
  if (type.kind !== "VIDEO") return {};
  try {
    const { durationMs, width, height, ...video } = await probeVideo(file);
    return { durationMs, width, height, media: { video } };
  } catch (error) {
    if (!(error instanceof MediaToolMissing)) throw error;
    // Without ffmpeg the video is stored as before (container duration only) and its renditions say why they
    // are missing; `.ci/run` and the README install Debian's ffmpeg.
    logger.warn({ err: error }, "ffprobe missing: video stored unchecked");
    return {
      durationMs: type.mime === "video/webm" ? null : await mp4DurationMs(file),
    };
  }
}
