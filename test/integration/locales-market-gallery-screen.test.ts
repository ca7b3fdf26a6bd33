// The per-market gallery screen (issue #15): it lists the shop's markets from Shopify and the product's approved
// images, stores a variant's gallery for a market and queues the translation run that publishes it; an image not
// linked to the product is refused with a 400.
import { beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { action, loader } from "~/routes/app.products.$id.markets";
import { demoProduct, installDemoShop } from "../support/app-emulator";
import { findJob } from "../support/jobs";
import { embeddedFetchRequest } from "../support/shopify";
import { createAsset, createLinkedImage } from "../support/sync";
import { studioImage } from "../../emulator/seed/images";
import { COLOURS } from "../../emulator/seed/catalogue";
import { DEMO_SHOP } from "../../emulator/seed/seed";
import { testEmulator } from "../../emulator/testing";

const emulator = testEmulator({ mediaProcessingMs: 20 });
let product: { id: string; handle: string };
let linked: string;
let unlinked: string;

interface Screen {
  markets: { id: string; name: string }[];
  variants: { id: string; title: string }[];
  images: { id: string; title: string }[];
  galleries: Record<string, string[]>;
}

const url = () => `/app/products/${product.id}/markets`;
const load = async () =>
  (await (
    (await loader({
      request: await embeddedFetchRequest(url(), DEMO_SHOP),
      params: { id: product.id },
      context: {},
    })) as Response
  ).json()) as Screen;
async function save(fields: Record<string, string>) {
  const response = (await action({
    request: await embeddedFetchRequest(url(), DEMO_SHOP, {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    }),
    params: { id: product.id },
    context: {},
  })) as Response;
  return { status: response.status, body: (await response.json()) as object };
}

beforeAll(async () => {
  const ids = await installDemoShop(emulator);
  product = demoProduct(emulator, ids);
  linked = (
    await createLinkedImage(DEMO_SHOP, {
      filename: "coat-campaign.jpg",
      image: { colour: COLOURS[1]!, width: 800, height: 1000 },
      productId: product.id,
      role: "LIFESTYLE",
    })
  ).assetId;
  unlinked = (
    await createAsset(
      DEMO_SHOP,
      "other.jpg",
      await studioImage({
        family: "coat",
        colour: COLOURS[2]!,
        width: 800,
        height: 1000,
        packshot: true,
      }),
    )
  ).assetId;
});

describe("the market gallery screen", () => {
  it("lists the shop's markets, the product's variants and its approved images only", async () => {
    const screen = await load();
    expect(screen.markets.map((m) => m.name)).toContain("France");
    expect(screen.variants.length).toBeGreaterThan(0);
    expect(screen.images.map((i) => i.id)).toEqual([linked]);
    expect(screen.galleries).toEqual({});
  });

  it("stores a variant's gallery for a market and queues the translation run that publishes it", async () => {
    const { markets, variants } = await load();
    const france = markets.find((m) => m.name === "France")!.id;
    const variantId = variants[0]!.id;
    const saved = await save({
      variantId,
      marketId: france,
      assetIds: linked,
    });
    expect(saved).toEqual({ status: 200, body: { ok: true } });
    expect((await load()).galleries).toEqual({
      [`${variantId} ${france}`]: [linked],
    });
    expect(
      await findJob("product-translations.publish", {
        shop: DEMO_SHOP,
        productId: product.id,
      }),
    ).toBeDefined();

    // Emptied: the market shows the variant's own gallery again.
    await save({ variantId, marketId: france, assetIds: "" });
    expect((await load()).galleries).toEqual({});
    expect(await db.marketGallery.count({ where: { shop: DEMO_SHOP } })).toBe(
      0,
    );
  });

  it("refuses an image that is not linked to the product", async () => {
    const { markets, variants } = await load();
    const refused = await save({
      variantId: variants[0]!.id,
      marketId: markets[0]!.id,
      assetIds: unlinked,
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/approved and linked/);
  });
});
