// Videos (issue #15): ffprobe's facts at upload, a clear refusal for damaged or empty clips, and the poster frame
// and muted preview made by the worker's renditions job.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import db from "~/db.server";
import { ingestUpload } from "~/dam/ingest.server";
import {
  libraryRenditionKey,
  renderVersionRenditions,
} from "~/dam/renditions.server";
import { getStorage } from "~/dam/storage.server";
import { posterKey, previewClipKey } from "~/dam/stills.server";
import { probeVideo, withVideoFile } from "~/dam/video.server";
import { removeDir, useTempStorageDir } from "../support/dam";
import { refusedUpload } from "../support/refused-upload";
import { clip } from "../support/media";

const shop = "video-shop.myshopify.com";
const actor = "user:1";
let dir: string;

beforeAll(async () => {
  dir = await useTempStorageDir();
  await db.shop.create({ data: { shop } });
});
afterAll(() => removeDir(dir));

async function ingested(filename: string, data: Buffer) {
  const result = await ingestUpload({ shop, filename, data, actor });
  if (!("asset" in result)) throw new Error("expected a new asset");
  return result;
}

const refusal = (filename: string, data: Buffer) =>
  refusedUpload(shop, dir, filename, data);

describe("video ingest", () => {
  it("records duration, frame size and codec of an MP4 whose index sits at the end", async () => {
    const { asset, version } = await ingested(
      "campaign.mp4",
      clip({ seconds: 3, width: 640, height: 360 }),
    );
    expect(asset).toMatchObject({ kind: "VIDEO", orientation: "LANDSCAPE" });
    expect(version).toMatchObject({
      mime: "video/mp4",
      durationMs: 3000,
      width: 640,
      height: 360,
    });
    expect(version.media).toMatchObject({
      video: { codec: "h264", audioCodec: null, frameRate: 25 },
    });
  });

  it("reads a MOV and a VP9 WebM", async () => {
    const mov = await ingested("clip.mov", clip({ container: "mov" }));
    expect(mov.version).toMatchObject({ mime: "video/quicktime", width: 320 });
    const webm = await ingested("clip.webm", clip({ container: "webm" }));
    expect(webm.version).toMatchObject({
      mime: "video/webm",
      durationMs: 2000,
      height: 240,
    });
    expect(webm.version.media).toMatchObject({ video: { codec: "vp9" } });
  });

  it("refuses a truncated MP4 with a clear message and keeps nothing", async () => {
    const whole = clip({ seconds: 2 });
    expect(
      await refusal("cut.mp4", whole.subarray(0, Math.floor(whole.length / 2))),
    ).toBe(
      "the video cannot be read: it is truncated or damaged (export it again)",
    );
  });

  it("refuses a zero-duration MP4 (no frames) with a clear message", async () => {
    expect(await refusal("empty.mp4", clip({ frames: 0 }))).toMatch(
      /no video track|lasts zero seconds/,
    );
  });
});

describe("video renditions", () => {
  it("extracts a poster frame, renders thumbnails from it and stores a short muted preview", async () => {
    const { asset, version } = await ingested(
      "poster-source.mp4",
      clip({ seconds: 6, width: 480, height: 270 }),
    );
    await renderVersionRenditions(shop, asset.id, version.id);
    const storage = getStorage();

    const poster = await sharp(
      await storage.get(posterKey(shop, version.sha256)),
    ).metadata();
    expect(poster).toMatchObject({ format: "jpeg", width: 480, height: 270 });
    const thumb = await sharp(
      await storage.get(libraryRenditionKey(shop, version.sha256, "thumb")),
    ).metadata();
    expect(thumb.format).toBe("webp");

    const preview = await withVideoFile(
      await storage.get(previewClipKey(shop, version.sha256)),
      probeVideo,
    );
    expect(preview).toMatchObject({ codec: "h264", audioCodec: null });
    expect(preview.durationMs).toBeLessThanOrEqual(4100);
    expect(preview.height).toBeLessThanOrEqual(360);
    const row = await db.assetVersion.findUniqueOrThrow({
      where: { id: version.id },
    });
    expect(row.renditionsReadyAt).not.toBeNull();
    expect(row.renditionError).toBeNull();
  });
});
