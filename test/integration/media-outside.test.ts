// Issue #15 checked from outside: what a theme reads from the storefront's product JSON (`/products/{handle}.js`,
// and the French `/fr/…` one) — the 360° spin's frames through `$app.spin` and each Colour value's swatch — and the
// orphan sweep removing the frames of a replaced or unlinked spin from Shopify Files.
import { beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { adminClientFor } from "~/shopify/admin-client.server";
import { convergePair } from "~/sync/converge.server";
import { linkAssets, linkAssetsByOption, unlink } from "~/sync/links.db.server";
import { deleteOrphanFiles } from "~/sync/reconciler.server";
import { writeProductSwatches } from "~/sync/swatches.server";
import { demoProduct, installDemoShop } from "../support/app-emulator";
import { photo } from "../support/dam";
import { zipOf } from "../support/media";
import { createAsset, replaceAsset } from "../support/sync";
import { COLOURS } from "../../emulator/seed/catalogue";
import { studioImage } from "../../emulator/seed/images";
import { DEMO_SHOP } from "../../emulator/seed/seed";
import { testEmulator } from "../../emulator/testing";

const emulator = testEmulator({ mediaProcessingMs: 20 });
let product: { id: string; gid: string; handle: string };
let spinAssetId: string;

interface FileView {
  id: number;
  media_type: string;
  src: string | null;
}
interface ProductJson {
  metafields: Record<string, Record<string, unknown>>;
  options_with_values: {
    name: string;
    values: {
      name: string;
      swatch: { color: string | null; image: FileView | null } | null;
    }[];
  }[];
}

async function productJson(locale = ""): Promise<ProductJson> {
  const response = await emulator.handle(
    new Request(`https://${DEMO_SHOP}${locale}/products/${product.handle}.js`),
  );
  expect(response.status).toBe(200);
  return (await response.json()) as ProductJson;
}
const spinShown = async (locale = "") =>
  ((await productJson(locale)).metafields[`app--${emulator.appId}`]?.spin ??
    null) as FileView[] | null;
const numericId = (gid: string) => Number(gid.split("/").pop());
const spinFiles = () =>
  [...emulator.shop(DEMO_SHOP).files.values()].filter((f) =>
    f.filename.startsWith("vitrinespin-"),
  );
const spinZip = async (seed: number) =>
  zipOf(
    await Promise.all(
      Array.from({ length: 8 }, async (_, i) => ({
        name: `frame_${i + 1}.jpg`,
        data: await photo({ width: 800, height: 800, seed: seed + i }),
      })),
    ),
  );
const converge = () =>
  convergePair(DEMO_SHOP, product.id, "SHOPIFY_STOREFRONT");

beforeAll(async () => {
  const ids = await installDemoShop(emulator);
  product = demoProduct(emulator, ids, (p) =>
    p.options.some((o) => o.name === "Colour"),
  );
  const spin = await createAsset(DEMO_SHOP, "coat-spin.zip", await spinZip(1));
  spinAssetId = spin.assetId;
  await linkAssets(DEMO_SHOP, {
    assetIds: [spinAssetId],
    productId: product.id,
    role: "DETAIL",
  });
  await converge();
});

describe("the storefront's product JSON", () => {
  it("shows the spin's frames, in order, as images in the $app.spin metafield, in every language", async () => {
    const shown = await spinShown();
    expect(shown).toHaveLength(8);
    const names = shown!.map(
      (f) =>
        emulator.shop(DEMO_SHOP).files.get(`gid://shopify/MediaImage/${f.id}`)!
          .filename,
    );
    expect(names).toEqual(
      names.map((_, i) =>
        expect.stringMatching(
          `^vitrinespin-${spinAssetId}-${String(i + 1).padStart(3, "0")}-`,
        ),
      ),
    );
    for (const frame of shown!) {
      expect(frame.media_type).toBe("image");
      const image = await emulator.handle(new Request(frame.src!));
      expect(image.headers.get("content-type")).toMatch(/^image\//);
    }
    expect(await spinShown("/fr")).toEqual(shown);
  });

  it("shows each Colour value's swatch: the packshot's colour and image", async () => {
    const seeded = emulator.shop(DEMO_SHOP).products.get(product.gid)!;
    const first = emulator.shop(DEMO_SHOP).variants.get(seeded.variantIds[0]!)!;
    const name = first.selectedOptions.find((o) => o.name === "Colour")!.value;
    const colour = COLOURS.find((c) => c.name === name)!;
    const packshot = await createAsset(
      DEMO_SHOP,
      "coat-packshot.jpg",
      await studioImage({
        family: "coat",
        colour,
        width: 1000,
        height: 1250,
        packshot: true,
      }),
    );
    await linkAssetsByOption(DEMO_SHOP, {
      assetIds: [packshot.assetId],
      optionName: "Colour",
      optionValue: colour.name,
      role: "FRONT",
      productIds: [product.id],
    });
    await converge();
    const before = (await productJson()).options_with_values.find(
      (o) => o.name === "Colour",
    )!;
    expect(before.values.every((v) => v.swatch === null)).toBe(true);

    const client = await adminClientFor(DEMO_SHOP);
    await writeProductSwatches(DEMO_SHOP, product.id, client);
    const file = await db.shopifyFile.findFirstOrThrow({
      where: { shop: DEMO_SHOP, assetId: packshot.assetId },
    });
    const version = await db.assetVersion.findUniqueOrThrow({
      where: { id: packshot.versionId },
    });
    for (const locale of ["", "/fr"]) {
      const option = (await productJson(locale)).options_with_values.find(
        (o) => o.values.length === before.values.length,
      )!;
      const value = option.values.find((v) =>
        locale ? v.swatch?.image : v.name === colour.name,
      )!;
      expect(value.swatch).toEqual({
        color: version.dominantColor,
        image: expect.objectContaining({
          id: numericId(file.fileGid),
          media_type: "image",
          src: expect.stringMatching(/^https?:\/\//),
        }),
      });
    }
  });
});

describe("the orphan sweep and spin frames", () => {
  it("deletes a replaced spin's old frames once the grace period is over, and keeps the frames shown", async () => {
    const client = await adminClientFor(DEMO_SHOP);
    const old = spinFiles().map((f) => f.id);
    expect(old).toHaveLength(8);
    await replaceAsset(
      DEMO_SHOP,
      spinAssetId,
      "coat-spin.zip",
      await spinZip(21),
    );
    await converge();
    const shown = (await spinShown())!.map((f) => f.id);
    expect(shown.map((id) => `gid://shopify/MediaImage/${id}`)).not.toEqual(
      expect.arrayContaining([old[0]]),
    );
    // Within the grace period nothing goes: a creation may still be recording.
    expect(await deleteOrphanFiles(DEMO_SHOP, client)).toEqual([]);
    const later = new Date(Date.now() + 11 * 60_000);
    expect((await deleteOrphanFiles(DEMO_SHOP, client, later)).sort()).toEqual(
      [...old].sort(),
    );
    expect(spinFiles()).toHaveLength(8);
    expect((await spinShown())!.map((f) => f.id)).toEqual(shown);
  });

  it("deletes an unlinked spin's frames", async () => {
    const client = await adminClientFor(DEMO_SHOP);
    const links = await db.assetLink.findMany({
      where: { shop: DEMO_SHOP, assetId: spinAssetId },
    });
    await unlink(
      DEMO_SHOP,
      links.map((l) => l.id),
    );
    await converge();
    expect(await spinShown()).toBeNull();
    const frames = spinFiles().map((f) => f.id);
    const later = new Date(Date.now() + 11 * 60_000);
    expect((await deleteOrphanFiles(DEMO_SHOP, client, later)).sort()).toEqual(
      expect.arrayContaining(frames),
    );
    expect(spinFiles()).toEqual([]);
  });
});
