// Near-duplicates on the demo's packshots: the 12 colourways of one coat share a silhouette (and so a dHash) and
// are not flagged; a copy of one colourway, resized and re-encoded, is — it is the same picture.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestUpload } from "~/dam/ingest.server";
import db from "~/db.server";
import { COLOURS } from "../../emulator/seed/catalogue";
import { studioImage } from "../../emulator/seed/images";
import { removeDir, useTempStorageDir } from "../support/dam";

const shop = "near-dup-shop.myshopify.com";
let dir: string;

beforeAll(async () => {
  dir = await useTempStorageDir();
  await db.shop.create({ data: { shop } });
});
afterAll(() => removeDir(dir));

const packshot = (colour: (typeof COLOURS)[number]) =>
  studioImage({
    family: "coat",
    colour,
    width: 1000,
    height: 1250,
    packshot: true,
  });

async function ingested(filename: string, data: Buffer) {
  const result = await ingestUpload({ shop, filename, data, actor: "user:1" });
  if (!("asset" in result)) throw new Error(`${filename} was a duplicate`);
  return result;
}

describe("near-duplicates that tell colourways apart", () => {
  it("flags none of a coat's twelve colourways, and flags a re-encoded copy of one", async () => {
    const flagged: string[] = [];
    const ids = new Map<string, string>();
    for (const colour of COLOURS) {
      const result = await ingested(
        `coat-${colour.code}.jpg`,
        await packshot(colour),
      );
      ids.set(colour.code, result.asset.id);
      if (result.nearDuplicateOf) flagged.push(colour.name);
    }
    expect(flagged).toEqual([]);

    const navy = COLOURS.find((c) => c.code === "NVY")!;
    const copy = await sharp(await packshot(navy))
      .resize(700)
      .jpeg({ quality: 55 })
      .toBuffer();
    const result = await ingested("coat-navy-web.jpg", copy);
    expect(result.nearDuplicateOf).toBe(ids.get("NVY"));
  });

  it("describes a packshot by its subject's colour, not the white studio background", async () => {
    const camel = COLOURS.find((c) => c.code === "CAM")!;
    const result = await ingested(
      "coat-camel-large.jpg",
      await studioImage({
        family: "coat",
        colour: camel,
        width: 1200,
        height: 1500,
        packshot: true,
        label: "x",
      }),
    );
    const { dominantColor } = await db.assetVersion.findUniqueOrThrow({
      where: { id: result.version.id },
    });
    const channel = (i: number) => parseInt(dominantColor!.slice(i, i + 2), 16);
    // Camel is #c19a6b; JPEG moves it a little.
    expect(Math.abs(channel(1) - 0xc1)).toBeLessThan(12);
    expect(Math.abs(channel(3) - 0x9a)).toBeLessThan(12);
    expect(Math.abs(channel(5) - 0x6b)).toBeLessThan(12);
  });
});
