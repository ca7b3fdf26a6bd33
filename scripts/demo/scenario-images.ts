// The demo's images: a size chart drawn as a table (v1, then a corrected v2), and a studio front packshot per colour
// of each coat. Each goes through the real ingest and is approved, then linked to the coat's variants of that colour.
import sharp from "sharp";
import { COLOURS } from "../../emulator/seed/catalogue.ts";
import { studioImage } from "../../emulator/seed/images.ts";
import type { Coat } from "./scenario-shop.ts";

/** Uploads through the real ingest and approves the new version; returns the asset id. */
export type Upload = (filename: string, data: Buffer) => Promise<string>;

export async function sizeChart(label: string): Promise<Buffer> {
  const rows = [
    "XS 82 / 66",
    "S 86 / 70",
    "M 90 / 74",
    "L 96 / 80",
    "XL 102 / 86",
  ];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="1500">
    <rect width="1200" height="1500" fill="#ffffff"/>
    <text x="100" y="160" font-family="sans-serif" font-size="72" fill="#111">Coats — size chart (${label})</text>
    <text x="100" y="260" font-family="sans-serif" font-size="40" fill="#555">Size  chest / waist (cm)</text>
    ${rows.map((row, i) => `<text x="100" y="${380 + i * 140}" font-family="sans-serif" font-size="56" fill="#222">${row}</text>`).join("")}
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}

export async function approvedUpload(
  shop: string,
  actor: string,
): Promise<Upload> {
  const { default: db } = await import("../../app/db.server.ts");
  const { ingestUpload } = await import("../../app/dam/ingest.server.ts");
  const { approveVersion } = await import("../../app/dam/versions.server.ts");
  return async (filename, data) => {
    const result = await ingestUpload({ shop, filename, data, actor });
    const asset = "duplicateOf" in result ? result.duplicateOf : result.asset;
    const full = await db.asset.findFirstOrThrow({
      where: { id: asset.id },
      include: { versions: true },
    });
    const version = full.versions.at(-1)!;
    await approveVersion({
      shop,
      assetId: full.id,
      versionId: version.id,
      actor,
    });
    return full.id;
  };
}

/**
 * Uploads the size chart (v1) and a front packshot per colour of every coat, links them (fronts to the colour's
 * variants, the chart to every coat) and returns the chart's asset id and each coat's first front.
 */
export async function linkCoatImages(
  shop: string,
  coats: Coat[],
  upload: Upload,
  actor: string,
): Promise<{ chartId: string; fronts: Map<string, string> }> {
  const { linkAssets } = await import("../../app/sync/links.db.server.ts");
  const chartId = await upload("coats-size-chart.jpg", await sizeChart("v1"));
  const fronts = new Map<string, string>();
  for (const coat of coats) {
    const byColour = new Map<string, string[]>();
    for (const variant of coat.variants) {
      const colour = (
        variant.selectedOptions as { name: string; value: string }[]
      ).find((o) => o.name === "Colour");
      if (colour)
        byColour.set(colour.value, [
          ...(byColour.get(colour.value) ?? []),
          variant.id,
        ]);
    }
    for (const [colourName, variantIds] of byColour) {
      const colour = COLOURS.find((c) => c.name === colourName) ?? COLOURS[0]!;
      const front = await studioImage({
        family: "coat",
        colour,
        width: 1600,
        height: 2000,
        packshot: true,
        label: `${coat.handle} ${colourName}`,
      });
      const assetId = await upload(
        `${coat.handle}-${colourName.toLowerCase()}-front.jpg`,
        front,
      );
      if (!fronts.has(coat.id)) fronts.set(coat.id, assetId);
      await linkAssets(
        shop,
        { assetIds: [assetId], productId: coat.id, variantIds, role: "FRONT" },
        actor,
      );
    }
    await linkAssets(
      shop,
      { assetIds: [chartId], productId: coat.id, role: "SIZE_CHART" },
      actor,
    );
  }
  return { chartId, fronts };
}
