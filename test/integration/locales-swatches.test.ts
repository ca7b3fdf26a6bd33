// Colour swatches (issue #15): each Colour value becomes a shopify--color-pattern entry (its packshot's subject
// colour and Shopify file), the option is linked to shopify.color-pattern, Shopify shows the swatch read back,
// and the Google feed's `color` is the same value the swatch is the swatch of.
import { beforeAll, describe, expect, it } from "vitest";
import { colourDistance } from "~/dam/colour";
import db from "~/db.server";
import { adminClientFor } from "~/shopify/admin-client.server";
import { googleFeedXml } from "~/sync/channels/google.server";
import { convergePair } from "~/sync/converge.server";
import { linkAssetsByOption } from "~/sync/links.db.server";
import { writeProductSwatches } from "~/sync/swatches.server";
import { demoProduct, installDemoShop } from "../support/app-emulator";
import { COLOURS } from "../../emulator/seed/catalogue";
import { studioImage } from "../../emulator/seed/images";
import { DEMO_SHOP } from "../../emulator/seed/seed";
import { adminApi, testEmulator } from "../../emulator/testing";
import { createAsset } from "../support/sync";

const emulator = testEmulator({ mediaProcessingMs: 20 });
let product: { id: string; gid: string };
let colour: (typeof COLOURS)[number];
let assetId: string;
let ids: Map<string, string>;

interface OptionRead {
  name: string;
  linkedMetafield: { namespace: string; key: string } | null;
  optionValues: {
    name: string;
    swatch: { color: string | null; image: { id: string } | null } | null;
  }[];
}

async function optionsInShopify(): Promise<OptionRead[]> {
  const { data } = (await adminApi(emulator, DEMO_SHOP)(
    `query O($id: ID!) { product(id: $id) { options { name linkedMetafield { namespace key } optionValues { name swatch { color image { id } } } } } }`,
    { id: product.gid },
  )) as { data: { product: { options: OptionRead[] } } };
  return data.product.options;
}

beforeAll(async () => {
  ids = await installDemoShop(emulator);
  const { seeded, ...picked } = demoProduct(emulator, ids, (p) =>
    p.options.some((o) => o.name === "Colour"),
  );
  product = picked;
  // A colour another product has too (the shop-wide entry test below needs a second product of it).
  const colours = (p: { options: { name: string; values: string[] }[] }) =>
    p.options.find((o) => o.name === "Colour")?.values ?? [];
  const others = [...emulator.shop(DEMO_SHOP).products.values()].filter(
    (p) => p.id !== seeded.id && p.status === "ACTIVE",
  );
  const name = colours(seeded).find((c) =>
    others.some((p) => colours(p).includes(c)),
  )!;
  colour = COLOURS.find((c) => c.name === name)!;
  const asset = await createAsset(
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
  assetId = asset.assetId;
  await linkAssetsByOption(DEMO_SHOP, {
    assetIds: [assetId],
    optionName: "Colour",
    optionValue: colour.name,
    role: "FRONT",
    productIds: [product.id],
  });
  // The storefront sync creates the packshot's Shopify file, which becomes the swatch image.
  await convergePair(DEMO_SHOP, product.id, "SHOPIFY_STOREFRONT");
});

describe("option value swatches", () => {
  it("writes a swatch per Colour value and reads it back from Shopify", async () => {
    const client = await adminClientFor(DEMO_SHOP);
    const result = await writeProductSwatches(DEMO_SHOP, product.id, client);
    expect(result.outcome).toBe("written");

    const file = await db.shopifyFile.findFirstOrThrow({
      where: { shop: DEMO_SHOP, assetId },
    });
    const version = await db.assetVersion.findFirstOrThrow({
      where: { assetId },
    });
    const option = (await optionsInShopify()).find((o) => o.name === "Colour")!;
    expect(option.linkedMetafield).toEqual({
      namespace: "shopify",
      key: "color-pattern",
    });
    const swatch = option.optionValues.find(
      (v) => v.name === colour.name,
    )!.swatch!;
    // The packshot's subject colour, close to the colourway it shows, and the packshot itself as image.
    expect(swatch.color).toBe(version.dominantColor);
    expect(colourDistance(swatch.color!, colour.hex)).toBeLessThan(60);
    expect(swatch.image?.id).toBe(file.fileGid);
    expect(result.swatches).toContainEqual({
      value: colour.name,
      color: version.dominantColor,
      imageId: file.fileGid,
    });
    // Values without a packshot are linked too (Shopify requires every value), with a label-only entry.
    expect(option.optionValues.length).toBeGreaterThan(1);

    const rows = await db.swatch.findMany({ where: { shop: DEMO_SHOP } });
    expect(rows.map((r) => r.label).sort()).toEqual(
      option.optionValues.map((v) => v.name).sort(),
    );
  });

  it("is idempotent: a second run only reads the options back and keeps the same entries", async () => {
    const before = await db.swatch.findMany({
      where: { shop: DEMO_SHOP },
      orderBy: { handle: "asc" },
    });
    const entries = emulator.shop(DEMO_SHOP).metaobjects.size;
    const client = await adminClientFor(DEMO_SHOP);
    const again = await writeProductSwatches(DEMO_SHOP, product.id, client);
    expect(again.outcome).toBe("written");
    expect(client.stats.requests).toBe(1);
    expect(emulator.shop(DEMO_SHOP).metaobjects.size).toBe(entries);
    const after = await db.swatch.findMany({
      where: { shop: DEMO_SHOP },
      orderBy: { handle: "asc" },
    });
    expect(after.map((r) => [r.handle, r.metaobjectId, r.color])).toEqual(
      before.map((r) => [r.handle, r.metaobjectId, r.color]),
    );
  });

  it("keeps a colour's shared entry on the packshot that gave it its image when another product of that colour converges", async () => {
    // "Navy" is one shop-wide entry: a second navy product's packshot must not re-point it (each product's run
    // did, so every converge of every product rewrote the shop's swatches and they showed whichever ran last).
    const other = demoProduct(
      emulator,
      ids,
      (p) =>
        p.id !== product.gid &&
        p.options.some(
          (o) => o.name === "Colour" && o.values.includes(colour.name),
        ),
    );
    const second = await createAsset(
      DEMO_SHOP,
      "other-packshot.jpg",
      await studioImage({
        family: "coat",
        colour,
        width: 1200,
        height: 1500,
        packshot: true,
      }),
    );
    await linkAssetsByOption(DEMO_SHOP, {
      assetIds: [second.assetId],
      optionName: "Colour",
      optionValue: colour.name,
      role: "FRONT",
      productIds: [other.id],
    });
    await convergePair(DEMO_SHOP, other.id, "SHOPIFY_STOREFRONT");
    const files = await db.shopifyFile.findMany({
      where: { shop: DEMO_SHOP, assetId: { in: [assetId, second.assetId] } },
    });
    const fileOf = (id: string) => files.find((f) => f.assetId === id)!.fileGid;
    expect(fileOf(second.assetId)).not.toBe(fileOf(assetId));

    const client = await adminClientFor(DEMO_SHOP);
    await writeProductSwatches(DEMO_SHOP, other.id, client);
    const row = await db.swatch.findFirstOrThrow({
      where: { shop: DEMO_SHOP, label: colour.name },
    });
    expect([row.assetId, row.fileGid]).toEqual([assetId, fileOf(assetId)]);
    // Both products show the one entry, with the first packshot as its image.
    const { data } = (await adminApi(emulator, DEMO_SHOP)(
      `query O($id: ID!) { product(id: $id) { options { name optionValues { name swatch { image { id } } } } } }`,
      { id: other.gid },
    )) as { data: { product: { options: OptionRead[] } } };
    const value = data.product.options
      .find((o) => o.name === "Colour")!
      .optionValues.find((v) => v.name === colour.name)!;
    expect(value.swatch?.image?.id).toBe(fileOf(assetId));
  });

  it("gives the Google feed the colour the swatch belongs to", async () => {
    await convergePair(DEMO_SHOP, product.id, "GOOGLE_MERCHANT");
    const xml = await googleFeedXml(DEMO_SHOP);
    const colours = [...xml.matchAll(/<g:color>([^<]+)<\/g:color>/g)].map(
      (m) => m[1],
    );
    expect(colours.length).toBeGreaterThan(0);
    const option = (await optionsInShopify()).find((o) => o.name === "Colour")!;
    const withSwatch = option.optionValues
      .filter((v) => v.swatch?.color)
      .map((v) => v.name);
    expect(new Set(colours)).toEqual(new Set([colour.name]));
    expect(withSwatch).toEqual([colour.name]);
  });
});
