import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { probeVideo } from "../../emulator/media/probe";
import { DEMO_SHOP } from "../../emulator/seed/seed";
import { mp4, webm } from "./media-fixtures";
import { mediaShop } from "./video-and-3d-fixtures";

const { emulator, api, upload, createFile, node, seed } = mediaShop();
let productId: string;
let handle: string;

beforeAll(async () => {
  ({ id: productId, handle } = await seed());
});

describe("videos", () => {
  it("processes an MP4 UPLOADED → READY with its duration, size, sources and a preview image", async () => {
    const bytes = mp4({ width: 1920, height: 1080, durationMs: 12_500 });
    const created = await createFile(
      await upload(bytes, "campaign.mp4", "video/mp4", "VIDEO"),
      "VIDEO",
      "Campaign film",
    );
    expect(created).toMatchObject({
      fileStatus: "UPLOADED",
      duration: null,
      sources: [],
      originalSource: null,
    });
    const ready = await node(created.id);
    expect(ready).toMatchObject({
      fileStatus: "READY",
      status: "READY",
      duration: 12_500,
      filename: "campaign.mp4",
      originalSource: {
        format: "mp4",
        mimeType: "video/mp4",
        width: 1920,
        height: 1080,
        fileSize: bytes.length,
      },
      preview: { status: "READY", image: { width: 1024, height: 576 } },
    });
    const video = await emulator.handle(new Request(ready.originalSource.url));
    expect(Buffer.from(await video.arrayBuffer()).equals(bytes)).toBe(true);
    const poster = await emulator.handle(new Request(ready.preview.image.url));
    expect(poster.headers.get("content-type")).toBe("image/jpeg");
  });

  it("reads a WebM and a MOV", async () => {
    const webmFile = await node(
      (
        await createFile(
          await upload(
            webm({ width: 720, height: 1280, durationMs: 4000 }),
            "spin.webm",
            "video/webm",
            "VIDEO",
          ),
          "VIDEO",
          "",
        )
      ).id,
    );
    expect(webmFile).toMatchObject({
      status: "READY",
      duration: 4000,
      originalSource: { format: "webm", width: 720, height: 1280 },
    });
    const mov = await node(
      (
        await createFile(
          await upload(
            mp4({ width: 640, height: 480, durationMs: 1000, brand: "qt  " }),
            "clip.mov",
            "video/quicktime",
            "VIDEO",
          ),
          "VIDEO",
          "",
        )
      ).id,
    );
    expect(mov).toMatchObject({
      status: "READY",
      originalSource: { format: "mov", mimeType: "video/quicktime" },
    });
  });

  it.each([
    [
      "a truncated MP4",
      mp4({ width: 640, height: 480, durationMs: 3000 }).subarray(0, 60),
      "VIDEO_METADATA_READ_ERROR",
    ],
    [
      "a zero-duration MP4",
      mp4({ width: 640, height: 480, durationMs: 0 }),
      "VIDEO_MIN_DURATION_ERROR",
    ],
    [
      "an 11-minute MP4",
      mp4({ width: 640, height: 480, durationMs: 11 * 60_000 }),
      "VIDEO_MAX_DURATION_ERROR",
    ],
    [
      "an 8K MP4",
      mp4({ width: 7680, height: 4320, durationMs: 1000 }),
      "VIDEO_MAX_WIDTH_ERROR",
    ],
    [
      "a file that is no video",
      Buffer.from("not a video at all"),
      "VIDEO_INVALID_FILETYPE_ERROR",
    ],
  ])("ends %s FAILED with %s", async (_name, bytes, code) => {
    const failed = await node(
      (
        await createFile(
          await upload(bytes, "bad.mp4", "video/mp4", "VIDEO"),
          "VIDEO",
          "",
        )
      ).id,
    );
    expect(failed).toMatchObject({
      fileStatus: "FAILED",
      status: "FAILED",
      duration: null,
      mediaErrors: [{ code }],
    });
  });

  it("reads clips made by ffmpeg, when it is installed (MP4, MOV, WebM)", (context) => {
    const dir = mkdtempSync(path.join(tmpdir(), "vitrine-video-"));
    const source = [
      "-v",
      "error",
      "-f",
      "lavfi",
      "-i",
      "testsrc=size=320x240:rate=25:duration=2",
    ];
    for (const [file, codec, container] of [
      ["clip.mp4", ["-pix_fmt", "yuv420p"], "mp4"],
      ["clip.mov", ["-pix_fmt", "yuv420p"], "mov"],
      ["clip.webm", ["-c:v", "libvpx-vp9", "-b:v", "100k"], "webm"],
    ] as const) {
      const out = path.join(dir, file);
      const made = spawnSync("ffmpeg", [...source, ...codec, out]);
      if (made.error || made.status !== 0) return context.skip();
      expect(probeVideo(readFileSync(out))).toMatchObject({
        container,
        width: 320,
        height: 240,
        durationMs: 2000,
      });
    }
    return undefined;
  });

  it("attaches to a product as media, shows in the storefront view, and takes only alt and references in fileUpdate", async () => {
    const source = await upload(
      mp4({ width: 1280, height: 720, durationMs: 8000 }),
      "coat-film.mp4",
      "video/mp4",
      "VIDEO",
    );
    const { data } = await api()(
      `mutation A($product: ProductUpdateInput!, $media: [CreateMediaInput!]) { productUpdate(product: $product, media: $media) { product { media(first: 10) { nodes { id mediaContentType } } } userErrors { message } } }`,
      {
        product: { id: productId },
        media: [
          {
            originalSource: source,
            mediaContentType: "VIDEO",
            alt: "Coat on the move",
          },
        ],
      },
    );
    const video = data.productUpdate.product.media.nodes.find(
      (m: { mediaContentType: string }) => m.mediaContentType === "VIDEO",
    );
    const locked = await api()(
      `mutation U($files: [FileUpdateInput!]!) { fileUpdate(files: $files) { userErrors { code } } }`,
      { files: [{ id: video.id, referencesToRemove: [productId] }] },
    );
    expect(locked.data.fileUpdate.userErrors).toEqual([
      { code: "FILE_LOCKED" },
    ]);
    await emulator.idle();
    const page = (await (
      await emulator.handle(
        new Request(`https://${DEMO_SHOP}/products/${handle}.js`),
      )
    ).json()) as {
      media: {
        media_type: string;
        alt: string;
        duration: number;
        sources: { format: string; url: string }[];
        preview_image: { src: string };
      }[];
      images: string[];
    };
    const entry = page.media.find((m) => m.media_type === "video")!;
    expect(entry).toMatchObject({
      alt: "Coat on the move",
      duration: 8000,
      sources: [{ format: "mp4" }],
    });
    expect(entry.preview_image.src).toContain("/preview_images/");
    expect(page.images.every((url) => !url.includes("coat-film"))).toBe(true);

    const UPDATE = `mutation U($files: [FileUpdateInput!]!) { fileUpdate(files: $files) { files { alt } userErrors { field code } } }`;
    const replaced = await api()(UPDATE, {
      files: [{ id: video.id, originalSource: source }],
    });
    expect(replaced.data.fileUpdate.userErrors).toEqual([
      { field: ["files", "0", "originalSource"], code: "INVALID" },
    ]);
    const renamed = await api()(UPDATE, {
      files: [{ id: video.id, filename: "other.mp4" }],
    });
    expect(renamed.data.fileUpdate.userErrors).toEqual([
      {
        field: ["files", "0", "filename"],
        code: "UNSUPPORTED_MEDIA_TYPE_FOR_FILENAME_UPDATE",
      },
    ]);
    const alt = await api()(UPDATE, {
      files: [{ id: video.id, alt: "Camel coat, campaign film" }],
    });
    expect(alt.data.fileUpdate).toEqual({
      files: [{ alt: "Camel coat, campaign film" }],
      userErrors: [],
    });
  });
});
