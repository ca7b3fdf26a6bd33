// Swatch images cropped from the packshot (issue #15): a Colour value whose packshot gives no subject colour gets
// a square detail of that packshot as its swatch image, uploaded once and found again by name.
import { beforeAll, describe, expect, it } from "vitest";
import { colourDistance } from "~/dam/colour";
import { squareDetail } from "~/dam/image.server";
import { probeImage } from "~/dam/image-probe.server";
import { getStorage } from "~/dam/storage.server";
import db from "~/db.server";
import { adminClientFor } from "~/shopify/admin-client.server";
import { convergePair } from "~/sync/converge.server";
import { linkAssetsByOption } from "~/sync/links.db.server";
import { deleteOrphanFiles } from "~/sync/reconciler.server";
import { action as productAction } from "~/routes/app.products.$id";
import { writeProductSwatches } from "~/sync/swatches.server";
import { demoProduct, installDemoShop } from "../support/app-emulator";
import { args, post, statusOf } from "../support/pim-routes";
import { createAsset } from "../support/sync";
import { COLOURS } from "../../emulator/seed/catalogue";
import { studioImage } from "../../emulator/seed/images";
import { DEMO_SHOP } from "../../emulator/seed/seed";
import { adminApi, testEmulator } from "../../emulator/testing";

const emulator = testEmulator({ mediaProcessingMs: 20 });
let product: { id: string; gid: string };
let colour: (typeof COLOURS)[number];

interface ValueRead {
  name: string;
  swatch: { color: string | null; image: { id: string } | null } | null;
}

async function colourValues(): Promise<ValueRead[]> {
  const { data } = (await adminApi(emulator, DEMO_SHOP)(
    `query O($id: ID!) { product(id: $id) { options { name optionValues { name swatch { color image { id } } } } } }`,
    { id: product.gid },
  )) as {
    data: {
      product: { options: { name: string; optionValues: ValueRead[] }[] };
    };
  };
  return data.product.options.find((o) => o.name === "Colour")!.optionValues;
}

const cropFiles = () =>
  [...emulator.shop(DEMO_SHOP).files.values()].filter((f) =>
    f.filename.startsWith("vitrineswatch-"),
  );

beforeAll(async () => {
  const ids = await installDemoShop(emulator);
  const { seeded, ...picked } = demoProduct(emulator, ids, (p) =>
    p.options.some((o) => o.name === "Colour"),
  );
  product = picked;
  const first = emulator.shop(DEMO_SHOP).variants.get(seeded.variantIds[0]!)!;
  const name = first.selectedOptions.find((o) => o.name === "Colour")!.value;
  colour = COLOURS.find((c) => c.name === name)!;
  const packshot = await createAsset(
    DEMO_SHOP,
    "coat-print.jpg",
    await studioImage({
      family: "coat",
      colour,
      width: 1000,
      height: 1250,
      packshot: true,
    }),
  );
  // A packshot whose subject colour could not be measured (a print, a pattern).
  await db.assetVersion.update({
    where: { id: packshot.versionId },
    data: { dominantColor: null },
  });
  await linkAssetsByOption(DEMO_SHOP, {
    assetIds: [packshot.assetId],
    optionName: "Colour",
    optionValue: colour.name,
    role: "FRONT",
    productIds: [product.id],
  });
  await convergePair(DEMO_SHOP, product.id, "SHOPIFY_STOREFRONT");
});

describe("swatches cropped from the packshot", () => {
  it("gives a colourless value a square detail of the packshot's centre as its swatch image", async () => {
    const client = await adminClientFor(DEMO_SHOP);
    const result = await writeProductSwatches(DEMO_SHOP, product.id, client);
    expect(result.outcome).toBe("written");
    const value = (await colourValues()).find((v) => v.name === colour.name)!;
    expect(value.swatch?.color).toBeNull();
    const [crop] = cropFiles();
    expect(crop?.filename).toMatch(
      /^vitrineswatch-[a-z0-9-]+-[0-9a-f]{12}\.jpg$/,
    );
    expect(value.swatch?.image?.id).toBe(crop!.id);
    const served = await emulator.handle(
      new Request(emulator.fileUrl(DEMO_SHOP, crop!)!),
    );
    const probe = await probeImage(Buffer.from(await served.arrayBuffer()));
    expect([probe.width, probe.height]).toEqual([256, 256]);
    // The centre of a coat packshot is the coat: the detail shows its colour, not the white studio.
    const shown = probe.dominantColor ?? "#ffffff";
    expect(colourDistance(shown, colour.hex)).toBeLessThan(60);
  });

  it("uploads the detail once: a second run finds it by name", async () => {
    const before = cropFiles().map((f) => f.id);
    const client = await adminClientFor(DEMO_SHOP);
    await writeProductSwatches(DEMO_SHOP, product.id, client);
    expect(cropFiles().map((f) => f.id)).toEqual(before);
    const value = (await colourValues()).find((v) => v.name === colour.name)!;
    expect(value.swatch?.image?.id).toBe(before[0]);
  });

  it("lets the orphan sweep delete the crop once the value has a colour and the packshot is its image again", async () => {
    const [crop] = cropFiles();
    const version = await db.assetVersion.findFirstOrThrow({
      where: { shop: DEMO_SHOP, filename: "coat-print.jpg" },
    });
    await db.assetVersion.update({
      where: { id: version.id },
      data: { dominantColor: colour.hex },
    });
    const client = await adminClientFor(DEMO_SHOP);
    await writeProductSwatches(DEMO_SHOP, product.id, client);
    const value = (await colourValues()).find((v) => v.name === colour.name)!;
    expect(value.swatch?.color).toBe(colour.hex);
    expect(value.swatch?.image?.id).not.toBe(crop!.id);
    // Too young: a creation may still be recording.
    expect(await deleteOrphanFiles(DEMO_SHOP, client)).toEqual([]);
    const later = new Date(Date.now() + 11 * 60_000);
    expect(await deleteOrphanFiles(DEMO_SHOP, client, later)).toEqual([
      crop!.id,
    ]);
    expect(cropFiles()).toEqual([]);
  });

  it("crops around the point the merchant sets on the product page instead of the centre", async () => {
    const version = await db.assetVersion.findFirstOrThrow({
      where: { shop: DEMO_SHOP, filename: "coat-print.jpg" },
    });
    await db.assetVersion.update({
      where: { id: version.id },
      data: { dominantColor: null },
    });
    // A value whose swatch never had a colour (the row keeps the first one it got).
    await db.swatch.updateMany({
      where: { shop: DEMO_SHOP, label: colour.name },
      data: { color: null },
    });
    const setPoint = async (x: string, y: string) =>
      statusOf(
        productAction(
          await args(
            DEMO_SHOP,
            `/app/products/${product.id}`,
            post({ intent: "swatch-crop", label: colour.name, x, y }),
            { id: product.id },
          ),
        ),
      );
    expect(await setPoint("1.5", "0.5")).toBe(400);
    expect(await setPoint("0.02", "0.02")).toBe(200);
    expect(
      await db.swatch.findFirstOrThrow({
        where: { shop: DEMO_SHOP, label: colour.name },
        select: { cropX: true, cropY: true },
      }),
    ).toEqual({ cropX: 0.02, cropY: 0.02 });
    // What the queued product-swatches.write does:
    await writeProductSwatches(
      DEMO_SHOP,
      product.id,
      await adminClientFor(DEMO_SHOP),
    );
    const value = (await colourValues()).find((v) => v.name === colour.name)!;
    const crop = cropFiles().find((f) => f.id === value.swatch?.image?.id);
    expect(crop?.filename).toMatch(/^vitrineswatch-/);
    const served = await emulator.handle(
      new Request(emulator.fileUrl(DEMO_SHOP, crop!)!),
    );
    // The detail is the packshot's top-left corner, not its centre.
    const master = await getStorage().get(version.storageKey);
    const shown = Buffer.from(await served.arrayBuffer());
    expect(
      shown.equals(await squareDetail(master, { point: { x: 0.02, y: 0.02 } })),
    ).toBe(true);
    expect(shown.equals(await squareDetail(master))).toBe(false);
  });
});
