// Video facts, poster frames and previews, made by ffprobe/ffmpeg in bounded child processes (ffmpeg.server.ts).
// ffprobe runs at upload (a damaged or empty clip is refused before anything is stored); the poster and the
// preview are made by the worker's `dam.renditions` job.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { z } from "zod";
import { Invalid } from "~/lib/errors";
import { MediaToolFailed, runMediaTool } from "./ffmpeg.server";

/** Shopify's limits for product videos (10 minutes, 4K): a longer or larger clip could never be published. */
export const VIDEO_LIMITS = {
  maxDurationMs: 10 * 60 * 1000,
  maxWidth: 4096,
  maxHeight: 4096,
  maxPixels: 4096 * 2160,
  /** Preview: the first seconds, muted, at most this tall. */
  previewSeconds: 4,
  previewHeight: 360,
  posterSide: 1920,
} as const;

const PROBE_LIMITS = { timeoutMs: 20_000, memoryBytes: 512 * 1024 * 1024 };
const ENCODE_LIMITS = { timeoutMs: 120_000, memoryBytes: 1024 * 1024 * 1024 };

export interface VideoFacts {
  durationMs: number;
  width: number;
  height: number;
  /** ffmpeg's codec names: h264, hevc, vp9, av1, prores… */
  codec: string;
  audioCodec: string | null;
  frameRate: number | null;
  container: string;
}

const numeric = z.union([z.string(), z.number()]).optional();

const probeOutput = z.object({
  format: z
    .object({ format_name: z.string().optional(), duration: numeric })
    .optional(),
  streams: z
    .array(
      z.object({
        codec_type: z.string().optional(),
        codec_name: z.string().optional(),
        width: z.number().optional(),
        height: z.number().optional(),
        duration: numeric,
        avg_frame_rate: z.string().optional(),
        tags: z.record(z.string(), z.unknown()).optional(),
        side_data_list: z
          .array(z.object({ rotation: z.number().optional() }).loose())
          .optional(),
      }),
    )
    .default([]),
});

const seconds = (value: string | number | undefined) => {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : 0;
};

function frameRateOf(text: string | undefined): number | null {
  const [num, den] = (text ?? "").split("/").map(Number);
  if (!num || !den) return null;
  return Math.round((num / den) * 100) / 100;
}

/** A quarter turn (phones record portrait clips landscape with a rotation flag) swaps the shown dimensions. */
function quarterTurned(stream: {
  side_data_list?: { rotation?: number }[];
  tags?: Record<string, unknown>;
}) {
  const rotation =
    stream.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ??
    Number(stream.tags?.rotate ?? 0);
  return Math.abs(rotation) % 180 === 90;
}

/**
 * Reads a video's duration, frame size, codecs and frame rate with ffprobe. Throws `Invalid` with a message for
 * the merchant when the file is truncated or damaged, has no video track, lasts zero seconds or exceeds
 * VIDEO_LIMITS; MediaToolMissing when ffprobe is not installed.
 */
export async function probeVideo(file: string): Promise<VideoFacts> {
  let raw: Buffer;
  try {
    raw = await runMediaTool(
      "ffprobe",
      [
        ...["-v", "error", "-threads", "1", "-print_format", "json"],
        ...["-show_format", "-show_streams", file],
      ],
      PROBE_LIMITS,
    );
  } catch (error) {
    if (error instanceof MediaToolFailed)
      throw new Invalid(
        error.reason === "timeout"
          ? "the video took too long to read; it may be damaged"
          : "the video cannot be read: it is truncated or damaged (export it again)",
        {},
        { cause: error },
      );
    throw error;
  }
  const parsed = probeOutput.safeParse(JSON.parse(raw.toString("utf8")));
  if (!parsed.success)
    throw new Invalid("the video cannot be read: its container is damaged");
  const { format, streams } = parsed.data;
  const video = streams.find(
    (s) => s.codec_type === "video" && s.width && s.height,
  );
  if (!video) throw new Invalid("the file has no video track");
  const durationMs = Math.round(
    1000 * (seconds(format?.duration) || seconds(video.duration)),
  );
  if (durationMs <= 0)
    throw new Invalid("the video lasts zero seconds: it has no frames to show");
  if (durationMs > VIDEO_LIMITS.maxDurationMs)
    throw new Invalid(
      `the video lasts ${Math.round(durationMs / 1000)} s; Shopify takes videos up to 10 minutes`,
    );
  const turned = quarterTurned(video);
  const width = turned ? video.height! : video.width!;
  const height = turned ? video.width! : video.height!;
  if (
    width > VIDEO_LIMITS.maxWidth ||
    height > VIDEO_LIMITS.maxHeight ||
    width * height > VIDEO_LIMITS.maxPixels
  )
    throw new Invalid(
      `the video is ${width}×${height}; Shopify takes videos up to 4K (4096×2160)`,
    );
  return {
    durationMs,
    width,
    height,
    codec: video.codec_name ?? "unknown",
    audioCodec:
      streams.find((s) => s.codec_type === "audio")?.codec_name ?? null,
    frameRate: frameRateOf(video.avg_frame_rate),
    container: format?.format_name?.split(",")[0] ?? "unknown",
  };
}

async function withTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), "vitrine-video-"));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function undecodable(error: unknown): Invalid {
  return new Invalid(
    "the video's frames cannot be decoded (the file is damaged or uses an unsupported codec)",
    {},
    { cause: error },
  );
}

/**
 * A JPEG poster frame: the frame at 10% of the clip (at most 1 s in, past fades from black), upright, at most
 * VIDEO_LIMITS.posterSide on its longest side. Throws `Invalid` when no frame can be decoded.
 */
export async function extractPoster(
  file: string,
  durationMs: number,
): Promise<Buffer> {
  const at = Math.min(1, durationMs / 10000).toFixed(3);
  const side = VIDEO_LIMITS.posterSide;
  let jpeg: Buffer;
  try {
    jpeg = await runMediaTool(
      "ffmpeg",
      [
        ...["-v", "error", "-nostdin", "-threads", "1", "-ss", at, "-i", file],
        ...["-frames:v", "1", "-an", "-sn", "-threads", "1"],
        ...[
          "-vf",
          `scale='min(${side},iw)':'min(${side},ih)':force_original_aspect_ratio=decrease`,
        ],
        ...["-f", "image2pipe", "-c:v", "mjpeg", "-q:v", "3", "pipe:1"],
      ],
      { ...ENCODE_LIMITS, maxOutputBytes: 20 * 1024 * 1024 },
    );
  } catch (error) {
    if (error instanceof MediaToolFailed) throw undecodable(error);
    throw error;
  }
  if (jpeg.length === 0) throw undecodable(new Error("no frame"));
  return jpeg;
}

/**
 * A short preview: the first VIDEO_LIMITS.previewSeconds, muted, H.264 in MP4 (plays everywhere), at most
 * VIDEO_LIMITS.previewHeight tall, moov first so it starts before it has loaded. Throws `Invalid` when the clip
 * cannot be decoded.
 */
export async function makePreview(file: string): Promise<Buffer> {
  return withTempDir(async (dir) => {
    const out = path.join(dir, "preview.mp4");
    try {
      await runMediaTool(
        "ffmpeg",
        [
          ...["-v", "error", "-nostdin", "-threads", "1", "-i", file],
          ...["-t", String(VIDEO_LIMITS.previewSeconds), "-an", "-sn", "-dn"],
          ...[
            "-vf",
            `scale=-2:'2*trunc(min(${VIDEO_LIMITS.previewHeight},ih)/2)'`,
          ],
          ...["-c:v", "libx264", "-preset", "veryfast", "-crf", "30"],
          ...["-pix_fmt", "yuv420p", "-movflags", "+faststart"],
          ...["-threads", "1", "-map_metadata", "-1", out],
        ],
        ENCODE_LIMITS,
      );
    } catch (error) {
      if (error instanceof MediaToolFailed) throw undecodable(error);
      throw error;
    }
    return readFile(out);
  });
}

/** Runs `work` on the bytes written to a temporary file (ffmpeg seeks in its input; storage may be remote). */
export async function withVideoFile<T>(
  bytes: Buffer,
  work: (file: string) => Promise<T>,
): Promise<T> {
  return withTempDir(async (dir) => {
    const file = path.join(dir, "master");
    await writeFile(file, bytes);
    return work(file);
  });
}
