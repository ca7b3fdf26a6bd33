// The asset page's rich-media card, rendered on the server from what the loader returns for a real spin, video and
// 3D model: the spin viewer starts on frame 1 with a keyboard slider over every frame, the video card has its
// player with poster and facts, the model card its size.
import { AppProvider } from "@shopify/polaris";
import polarisTranslations from "@shopify/polaris/locales/en.json";
import { renderToString } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RichMediaCard } from "~/components/dam/rich-media-card";
import { ingestUpload } from "~/dam/ingest.server";
import { loadAsset } from "~/dam/library.server";
import { renderVersionRenditions } from "~/dam/renditions.server";
import db from "~/db.server";
import { photo, removeDir, useTempStorageDir } from "../support/dam";
import { clip, glbModel, zipOf } from "../support/media";

const shop = "media-page.myshopify.com";
let dir: string;

beforeAll(async () => {
  dir = await useTempStorageDir();
  await db.shop.create({ data: { shop } });
});
afterAll(() => removeDir(dir));

async function cardFor(filename: string, data: Buffer) {
  const result = await ingestUpload({ shop, filename, data, actor: "user:1" });
  if (!("asset" in result)) throw new Error("expected a new asset");
  await renderVersionRenditions(shop, result.asset.id, result.version.id);
  const asset = await loadAsset(shop, result.asset.id);
  const html = renderToString(
    <AppProvider i18n={polarisTranslations}>
      <RichMediaCard view={asset.versions[0]!.media} title={asset.title} />
    </AppProvider>,
  );
  return { html, media: asset.versions[0]!.media };
}

describe("asset page rich media", () => {
  it("shows a spin's frames in a keyboard slider starting on frame 1", async () => {
    const frames = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        photo({ width: 200, height: 250, seed: i + 3 }),
      ),
    );
    const { html, media } = await cardFor(
      "jacket-spin.zip",
      zipOf(frames.map((data, i) => ({ name: `${i + 1}.png`, data }))),
    );
    expect(media).toMatchObject({ kind: "spin" });
    const urls = media?.kind === "spin" ? media.frames : [];
    expect(urls).toHaveLength(8);
    expect(html).toContain("360° spin — 8 frames");
    expect(html).toContain('role="slider"');
    expect(html).toContain('aria-valuemax="8"');
    expect(html).toContain(`src="${urls[0]!.replace(/&/g, "&amp;")}"`);
  });

  it("shows a video's player with its poster, and its codec", async () => {
    const { html, media } = await cardFor("film.mp4", clip({ seconds: 2 }));
    expect(media).toMatchObject({ kind: "video", codec: "h264" });
    expect(html).toMatch(/<video[^>]+poster="\/dam\/file\?[^"]+"[^>]+src=/);
    expect(html).toContain("h264");
  });

  it("shows a 3D model's size and triangle count", async () => {
    const { html } = await cardFor("coat.glb", glbModel());
    expect(html).toContain("0.5 × 1.25 × 0.25 m");
    expect(html).toMatch(/Triangles.*>1</s);
  });
});
