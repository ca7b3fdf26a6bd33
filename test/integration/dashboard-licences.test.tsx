// The dashboard's "Expiring licences" card (issue #11): assets in use whose licence ends within 14 days, soonest
// first, naming the products the expiry leaves without any image (a product with another approved image that
// outlasts the window keeps showing one). Expired, later and other shops' assets are not listed.
import { beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import Dashboard, { loader } from "~/routes/app._index";
import { linkAssets } from "~/sync/links.db.server";
import { photo } from "../support/dam";
import { createAsset } from "../support/factories/asset";
import { buildProduct } from "../support/factories/product";
import { renderRoute } from "../support/render-route";
import { embeddedFetchRequest, storeOfflineSession } from "../support/shopify";

const SHOP = "licences-dash.myshopify.com";
const OTHER = "licences-dash-other.myshopify.com";
const DAY = 86400_000;
let ids: Record<string, string>;

async function assetEnding(
  shop: string,
  name: string,
  seed: number,
  validUntil: Date | null,
  productIds: string[],
) {
  const { assetId } = await createAsset(
    shop,
    `${name}.jpg`,
    await photo({ seed }),
  );
  await db.asset.update({ where: { id: assetId }, data: { validUntil } });
  for (const productId of productIds)
    await linkAssets(shop, { assetIds: [assetId], productId, role: "FRONT" });
  return assetId;
}

beforeAll(async () => {
  await storeOfflineSession(SHOP);
  const coat = await buildProduct(SHOP, 1, { title: "Camel coat" });
  const scarf = await buildProduct(SHOP, 2, { title: "Wool scarf" });
  const boots = await buildProduct(SHOP, 3, { title: "Boots" });
  const now = Date.now();
  ids = {
    coat: coat.id,
    scarf: scarf.id,
    campaign: await assetEnding(
      SHOP,
      "campaign",
      401,
      new Date(now + 3 * DAY),
      [coat.id, scarf.id],
    ),
    lookbook: await assetEnding(
      SHOP,
      "lookbook",
      402,
      new Date(now + 10 * DAY),
      [boots.id],
    ),
    // The scarf keeps this one; the boots' other image ends within the window too.
    studio: await assetEnding(SHOP, "studio", 403, null, [scarf.id]),
    bootsAlt: await assetEnding(
      SHOP,
      "boots-alt",
      404,
      new Date(now + 5 * DAY),
      [boots.id],
    ),
    later: await assetEnding(SHOP, "later", 405, new Date(now + 30 * DAY), [
      coat.id,
    ]),
    expired: await assetEnding(SHOP, "expired", 406, new Date(now - DAY), [
      coat.id,
    ]),
  };
  const other = await buildProduct(OTHER, 1, { title: "Other shop coat" });
  await assetEnding(OTHER, "other", 407, new Date(now + 2 * DAY), [other.id]);
});

describe("the dashboard's expiring licences", () => {
  it("lists the shop's assets ending within 14 days, soonest first, with the products left without an image", async () => {
    const data = await loader({
      request: await embeddedFetchRequest("/app", SHOP),
      params: {},
      context: {},
    });
    expect(data.expiringWithinDays).toBe(14);
    expect(data.expiring.map((a) => a.title)).toEqual([
      "campaign",
      "boots alt",
      "lookbook",
    ]);
    const [campaign, bootsAlt, lookbook] = data.expiring;
    expect(campaign!.id).toBe(ids.campaign);
    expect(campaign!.products.map((p) => p.title).sort()).toEqual([
      "Camel coat",
      "Wool scarf",
    ]);
    // The coat keeps the image licensed for 30 days, the scarf its studio shot; the boots' two images both end.
    expect(campaign!.leftWithoutImage.map((p) => p.title)).toEqual([]);
    expect(bootsAlt!.leftWithoutImage.map((p) => p.title)).toEqual(["Boots"]);
    expect(lookbook!.leftWithoutImage.map((p) => p.title)).toEqual(["Boots"]);
  });

  it("counts a product as left without an image once its only lasting image is gone", async () => {
    await db.asset.update({
      where: { id: ids.later },
      data: { status: "ARCHIVED" },
    });
    const data = await loader({
      request: await embeddedFetchRequest("/app", SHOP),
      params: {},
      context: {},
    });
    const campaign = data.expiring.find((a) => a.id === ids.campaign)!;
    expect(campaign.leftWithoutImage.map((p) => p.title)).toEqual([
      "Camel coat",
    ]);
  });

  it("shows the card with each asset, its end date and the products it leaves without an image", async () => {
    const html = await renderRoute(SHOP, "/app", Dashboard, loader);
    expect(html).toContain("Expiring licences");
    expect(html).toContain("campaign");
    expect(html).toContain("Leaves without an image: Camel coat");
    expect(html).toContain("1 product(s) left without an image");
    expect(html).toContain("Leaves without an image: Boots");
    expect(html).not.toContain("Other shop coat");
    expect(html).toContain(`href="/app/assets/${ids.campaign}"`);
  });

  it("says so when no licence ends soon", async () => {
    await storeOfflineSession(OTHER);
    await db.asset.updateMany({
      where: { shop: OTHER },
      data: { validUntil: null },
    });
    const html = await renderRoute(OTHER, "/app", Dashboard, loader);
    expect(html).toContain(
      "No image in use has a licence ending in the next 14 days.",
    );
  });
});
