// Per-country Google feeds with the market's prices (issue #15): the price Shopify resolves for the country's market
// (its price list's fixed price, else the converted, adjusted base price) in the market's currency, read by the
// market-prices job after a catalogue import and for one product after its products/update; a country whose
// market has no price list keeps the base price.
import { beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { approveProducts } from "~/pim/approval.db.server";
import { setUpApparelPim } from "~/pim/onboarding.server";
import { loader as feedLoader } from "~/routes/feeds.$feed.$file";
import { shopChannels } from "~/sync/channels/channels.db.server";
import { convergePair } from "~/sync/converge.server";
import { processors } from "~/worker/processors";
import { demoProduct, installDemoShop } from "../support/app-emulator";
import { DEMO_SHOP } from "../../emulator/seed/seed";
import { adminApi, testEmulator } from "../../emulator/testing";
import { findJob } from "../support/jobs";
import { createLinkedImage } from "../support/sync";

const emulator = testEmulator({ mediaProcessingMs: 20 });
const api = () => adminApi(emulator, DEMO_SHOP);
const quiet = () => undefined;
const job = {
  jobId: "t",
  attemptsMade: 0,
  log: { info: quiet, warn: quiet, error: quiet, debug: quiet } as never,
};
let product: ReturnType<typeof demoProduct>;
let variants: { id: string; sku: string; price: string }[];
let token: string;
let franceList: string;
let markets: Record<string, string>;

const feed = async (query: string) => {
  const response = await feedLoader({
    request: new Request(
      `https://app.example/feeds/google/${DEMO_SHOP}.xml?token=${token}${query}`,
    ),
    params: { feed: "google", file: `${DEMO_SHOP}.xml` },
    context: {},
  });
  expect(response.status).toBe(200);
  return response.text();
};

/** The `<item>` of one SKU in a feed. */
const itemOf = (xml: string, sku: string) =>
  xml.split("<item>").find((item) => item.includes(`<g:id>${sku}</g:id>`)) ??
  "";

const euros = (amount: number) => `${amount.toFixed(2)} EUR`;

/** The merchant gives the France market a euro price list with fixed prices (Markets → Catalogs in the admin). */
async function franceFixedPrices(
  prices: { variantId: string; price: string; compareAtPrice?: string }[],
) {
  const money = (amount: string) => ({ amount, currencyCode: "EUR" });
  const { data } = await api()(
    `mutation F($list: ID!, $prices: [PriceListPriceInput!]!) { priceListFixedPricesAdd(priceListId: $list, prices: $prices) { userErrors { message } } }`,
    {
      list: franceList,
      prices: prices.map((p) => ({
        variantId: p.variantId,
        price: money(p.price),
        compareAtPrice: p.compareAtPrice ? money(p.compareAtPrice) : null,
      })),
    },
  );
  expect(data.priceListFixedPricesAdd.userErrors).toEqual([]);
}

beforeAll(async () => {
  const ids = await installDemoShop(emulator, { locales: ["en", "fr"] });
  await setUpApparelPim(DEMO_SHOP);
  // Knitwear: the United Kingdom's seeded price list has no fixed price for it (converted, 10% up).
  product = demoProduct(emulator, ids, (p) => p.productType === "Knitwear");
  const shop = emulator.shop(DEMO_SHOP);
  variants = product.seeded.variantIds.slice(0, 3).map((id) => {
    const v = shop.variants.get(id)!;
    return { id, sku: v.sku!, price: v.price };
  });
  await createLinkedImage(DEMO_SHOP, {
    filename: "coat-front.jpg",
    image: { width: 1000, height: 1250, packshot: true },
    productId: product.id,
    role: "FRONT",
  });
  await approveProducts(DEMO_SHOP, [product.id], "lead", {
    overrideReason: "Market prices test",
  });
  await convergePair(DEMO_SHOP, product.id, "GOOGLE_MERCHANT");
  token = (await shopChannels(DEMO_SHOP)).google.config.feedToken;

  const { data } = await api()(`{ markets(first: 10) { nodes { id name } } }`);
  markets = Object.fromEntries(
    data.markets.nodes.map((m: { id: string; name: string }) => [m.name, m.id]),
  );
  const france = markets.France!;
  const catalog = await api()(
    `mutation C($m: [ID!]) { catalogCreate(input: { title: "France", status: ACTIVE, context: { marketIds: $m } }) { catalog { id } } }`,
    { m: [france] },
  );
  const list = await api()(
    `mutation L($c: ID) { priceListCreate(input: { name: "France", currency: EUR, catalogId: $c, parent: { adjustment: { type: PERCENTAGE_DECREASE, value: 0 } } }) { priceList { id } } }`,
    { c: catalog.data.catalogCreate.catalog.id },
  );
  franceList = list.data.priceListCreate.priceList.id;
  await franceFixedPrices([
    { variantId: variants[0]!.id, price: "89.00" },
    { variantId: variants[1]!.id, price: "79.00", compareAtPrice: "99.00" },
  ]);
  await processors["market-prices.sync"]({ shop: DEMO_SHOP }, job);
});

describe("per-country Google feeds with the market's prices", () => {
  it("shows the French price list's euro prices, with the compare-at price as price and the sale as sale_price", async () => {
    const xml = await feed("&country=FR&language=fr");
    expect(itemOf(xml, variants[0]!.sku)).toContain(
      "<g:price>89.00 EUR</g:price>",
    );
    expect(itemOf(xml, variants[0]!.sku)).not.toContain("<g:sale_price>");
    expect(itemOf(xml, variants[1]!.sku)).toContain(
      "<g:price>99.00 EUR</g:price>",
    );
    expect(itemOf(xml, variants[1]!.sku)).toContain(
      "<g:sale_price>79.00 EUR</g:sale_price>",
    );
    // No fixed price: the base price (the list adjusts by 0%).
    expect(itemOf(xml, variants[2]!.sku)).toContain(
      `<g:price>${euros(Number(variants[2]!.price))}</g:price>`,
    );
  });

  it("shows the United Kingdom's converted pound prices (10% up) and the base euro price where the market has no price list or there is no market", async () => {
    const uk = await feed("&country=GB&language=en");
    expect(itemOf(uk, variants[0]!.sku)).toContain(
      `<g:price>${(Number(variants[0]!.price) * 0.85 * 1.1).toFixed(2)} GBP</g:price>`,
    );
    for (const query of [
      "&country=DE&language=en",
      "&country=US&language=en",
      "",
    ]) {
      const xml = await feed(query);
      expect(itemOf(xml, variants[0]!.sku)).toContain(
        `<g:price>${euros(Number(variants[0]!.price))}</g:price>`,
      );
      expect(xml).not.toContain("<g:sale_price>");
    }
  });

  it("follows a price list change once the market prices are read again (the daily catalogue import's job)", async () => {
    await franceFixedPrices([{ variantId: variants[0]!.id, price: "85.50" }]);
    expect(
      itemOf(await feed("&country=FR&language=fr"), variants[0]!.sku),
    ).toContain("<g:price>89.00 EUR</g:price>");
    await processors["market-prices.sync"]({ shop: DEMO_SHOP }, job);
    expect(
      itemOf(await feed("&country=FR&language=fr"), variants[0]!.sku),
    ).toContain("<g:price>85.50 EUR</g:price>");
  });

  it("follows a base price change: the products/update refresh queues the product's market price read", async () => {
    const { data } = await api()(
      `mutation U($p: ID!, $v: [ProductVariantsBulkInput!]!) { productVariantsBulkUpdate(productId: $p, variants: $v) { product { updatedAt } userErrors { message } } }`,
      { p: product.gid, v: [{ id: variants[2]!.id, price: "150.00" }] },
    );
    expect(data.productVariantsBulkUpdate.userErrors).toEqual([]);
    await processors["product.refresh"](
      {
        shop: DEMO_SHOP,
        productId: product.gid,
        updatedAt: data.productVariantsBulkUpdate.product.updatedAt,
        webhookId: "price-change",
      },
      job,
    );
    const queued = { shop: DEMO_SHOP, productId: product.gid };
    expect(await findJob("product-market-prices.sync", queued)).toBeDefined();
    await processors["product-market-prices.sync"](queued, job);
    expect(
      itemOf(await feed("&country=GB&language=en"), variants[2]!.sku),
    ).toContain("<g:price>140.25 GBP</g:price>");
    expect(
      itemOf(await feed("&country=FR&language=fr"), variants[2]!.sku),
    ).toContain("<g:price>150.00 EUR</g:price>");
    // Europe has no price list and the shop's currency: nothing is read or stored for it, it shows the base price
    // of the default feed (its item re-rendered by the convergence the refresh queued).
    expect(
      await db.marketPrice.count({
        where: { shop: DEMO_SHOP, marketId: markets.Europe },
      }),
    ).toBe(0);
    const price = (xml: string) =>
      /<g:price>[^<]+<\/g:price>/.exec(itemOf(xml, variants[2]!.sku))?.[0];
    expect(price(await feed("&country=DE&language=en"))).toBe(
      price(await feed("")),
    );
  });
});
