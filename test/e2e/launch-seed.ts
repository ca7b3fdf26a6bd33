// The launch suite's shop (test/e2e/launch.e2e.ts): the catalogue imported, a marketplace receiver, and two Draft
// products with approved images — one lacks the back view the marketplace requires, and an approved back view
// waits unlinked. And what is seen of them from outside: the storefront, the Google feed and the marketplace.
import { MarketplaceReceiver } from "../../emulator/marketplace/receiver";
import { COLOURS } from "../../emulator/seed/catalogue";
import { studioImage } from "../../emulator/seed/images";
import type { Stack } from "./harness";

export const SHOP = "vitrine-e2e-launch.myshopify.com";
export const receiver = new MarketplaceReceiver(
  "vitrine-e2e",
  "e2e-launch-secret",
);

interface Launched {
  id: string;
  /** Shopify's product id. */
  gid: string;
  title: string;
  handle: string;
  skus: string[];
}
export const products: Launched[] = [];
export const seeded = { backView: "", feedUrl: "", receiverUrl: "" };

export async function seed(): Promise<void> {
  const { default: db } = await import("~/db.server");
  const { importCatalogue } = await import("~/pim/onboarding.server");
  const { ingestUpload } = await import("~/dam/ingest.server");
  const { approveVersion } = await import("~/dam/versions.server");
  const { changeTags } = await import("~/dam/asset-details.db.server");
  const { linkAssets } = await import("~/sync/links.db.server");
  const { configureMarketplace, shopChannels } =
    await import("~/sync/channels/channels.db.server");
  const { googleFeedUrl } = await import("~/sync/urls.server");
  await importCatalogue(SHOP);
  seeded.receiverUrl = await receiver.listen();
  await configureMarketplace(SHOP, {
    url: `${seeded.receiverUrl}/v1`,
    keyId: "vitrine-e2e",
    secret: "e2e-launch-secret",
  });
  seeded.feedUrl = googleFeedUrl(
    SHOP,
    (await shopChannels(SHOP)).google.config.feedToken,
  );
  // Two products the shop has not released yet; no family, so PIM completeness does not block them.
  const drafts = await db.product.findMany({
    where: { shop: SHOP, status: "DRAFT" },
    orderBy: { handle: "asc" },
    take: 2,
    include: { variants: { select: { sku: true } } },
  });
  if (drafts.length < 2) throw new Error("the demo shop has too few drafts");
  let colour = 0;
  const approved = async (name: string) => {
    const data = await studioImage({
      // Coat packshots pass every channel's pre-flight (white border, the product filling the frame).
      family: "coat",
      colour: COLOURS[colour++ % COLOURS.length]!,
      width: 1000,
      height: 1250,
      packshot: true,
    });
    const result = await ingestUpload({
      shop: SHOP,
      filename: `${name}.jpg`,
      data,
      actor: "user:1",
    });
    if ("duplicateOf" in result) throw new Error(`${name} is a duplicate`);
    await approveVersion({
      shop: SHOP,
      assetId: result.asset.id,
      versionId: result.version.id,
      actor: "user:1",
    });
    return result.asset.id;
  };
  for (const [i, product] of drafts.entries()) {
    products.push({
      id: product.id,
      gid: product.shopifyId,
      title: product.title,
      handle: product.handle,
      skus: product.variants.flatMap((v) => (v.sku ? [v.sku] : [])),
    });
    const link = async (role: "FRONT" | "BACK" | "LIFESTYLE", name: string) =>
      linkAssets(SHOP, {
        assetIds: [await approved(`${name}-${i}`)],
        productId: product.id,
        role,
      });
    await link("FRONT", "front");
    // An on-model shot: a lifestyle image tagged "model".
    const model = await approved(`model-${i}`);
    await changeTags(SHOP, [model], { add: ["model"] }, "user:1");
    await linkAssets(SHOP, {
      assetIds: [model],
      productId: product.id,
      role: "LIFESTYLE",
    });
    // The first product has its back view; the second's waits in the library.
    if (i === 0) await link("BACK", "back");
    else seeded.backView = await approved(`back-${i}`);
  }
}

/** What a shopper, Google and the marketplace see of the launch's products, fetched over HTTP. */
export async function outside(stack: Stack) {
  const storefront = await Promise.all(
    products.map(
      async (p) =>
        (
          await fetch(`${stack.emulatorUrl}/products/${p.handle}.js`, {
            headers: { "X-Forwarded-Host": SHOP },
          })
        ).status,
    ),
  );
  const feed = await (await fetch(seeded.feedUrl)).text();
  const skus = products.flatMap((p) => p.skus);
  const inFeed = skus.filter((sku) => feed.includes(`<g:id>${sku}</g:id>`));
  const listings = await Promise.all(
    skus.map(async (sku) => {
      const response = await fetch(
        `${seeded.receiverUrl}/v1/listings/${encodeURIComponent(sku)}`,
      );
      if (response.status === 404) return "absent";
      const listing = (await response.json()) as { active?: boolean };
      return listing.active === false ? "inactive" : "active";
    }),
  );
  return { storefront, inFeed, skus, listings };
}

export async function expectHidden(stack: Stack, when: string) {
  const seen = await outside(stack);
  if (seen.storefront.some((status) => status !== 404))
    throw new Error(`${when}: the storefront answers ${seen.storefront}`);
  if (seen.inFeed.length)
    throw new Error(`${when}: the feed serves ${seen.inFeed.join(", ")}`);
  if (seen.listings.includes("active"))
    throw new Error(`${when}: marketplace listings active: ${seen.listings}`);
  return seen;
}

/** What the merchant does in Shopify's admin, through the emulator's Admin API (which sends Shopify's webhooks). */
export async function merchantSetsStatus(
  stack: Stack,
  gid: string,
  status: "ACTIVE" | "DRAFT",
) {
  const response = await fetch(
    `${stack.emulatorUrl}/admin/api/2026-10/graphql.json`,
    {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-Forwarded-Host": SHOP,
        "X-Shopify-Access-Token": stack.adminToken,
      },
      body: JSON.stringify({
        query: `mutation SetStatus($product: ProductUpdateInput!) {
          productUpdate(product: $product) { userErrors { message } }
        }`,
        variables: { product: { id: gid, status } },
      }),
    },
  );
  const body = (await response.json()) as {
    data?: { productUpdate: { userErrors: { message: string }[] } };
    errors?: unknown;
  };
  if (!response.ok || body.errors || body.data?.productUpdate.userErrors.length)
    throw new Error(`productUpdate ${status}: ${JSON.stringify(body)}`);
}
