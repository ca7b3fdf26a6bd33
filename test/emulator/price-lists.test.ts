import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_SHOP, seedShop } from "../../emulator/seed/seed";
import { adminApi, testEmulator } from "../../emulator/testing";

const emulator = testEmulator();
const api = () => adminApi(emulator, DEMO_SHOP);

const PRICING = `query P($id: ID!, $country: CountryCode!) {
  productVariant(id: $id) {
    contextualPricing(context: { country: $country }) {
      price { amount currencyCode }
      compareAtPrice { amount currencyCode }
    }
  }
}`;

async function priceIn(variantId: string, country: string) {
  const { data, errors } = await api()(PRICING, { id: variantId, country });
  expect(errors).toBeUndefined();
  return data.productVariant.contextualPricing;
}

let coat: { id: string; price: string };
let knit: { id: string; price: string };
let markets: Record<string, string>;

beforeAll(async () => {
  await seedShop(emulator, DEMO_SHOP, { factor: 0.05, images: false });
  const first = async (type: string) => {
    const { data } = await api()(
      `{ products(first: 1, query: "product_type:${type}") { nodes { variants(first: 1) { nodes { id price } } } } }`,
    );
    return data.products.nodes[0].variants.nodes[0];
  };
  coat = await first("Coats");
  knit = await first("Knitwear");
  const { data } = await api()(`{ markets(first: 10) { nodes { id name } } }`);
  markets = Object.fromEntries(
    data.markets.nodes.map((m: { id: string; name: string }) => [m.name, m.id]),
  );
});

describe("markets' price lists and contextual pricing", () => {
  it("seeds the United Kingdom with a pound price list: fixed coat prices, the rest converted and 10% up", async () => {
    const { data } = await api()(`{ markets(first: 10) { nodes { name
      currencySettings { baseCurrency { currencyCode } }
      catalogs(first: 5) { nodes { title status priceList { currency fixedPricesCount
        parent { adjustment { type value } } } } } } } }`);
    const uk = data.markets.nodes.find(
      (m: { name: string }) => m.name === "United Kingdom",
    );
    expect(uk.currencySettings.baseCurrency.currencyCode).toBe("GBP");
    expect(uk.catalogs.nodes[0].priceList).toMatchObject({
      currency: "GBP",
      parent: { adjustment: { type: "PERCENTAGE_INCREASE", value: 10 } },
    });
    expect(uk.catalogs.nodes[0].priceList.fixedPricesCount).toBeGreaterThan(0);

    expect((await priceIn(coat.id, "GB")).price).toEqual({
      amount: `${Math.round(Number(coat.price) * 0.9)}.00`,
      currencyCode: "GBP",
    });
    expect((await priceIn(knit.id, "GB")).price).toEqual({
      amount: (Number(knit.price) * 0.85 * 1.1).toFixed(2),
      currencyCode: "GBP",
    });
  });

  it("answers the base price in euros for the home market, a market without a price list and a country in none", async () => {
    for (const country of ["FR", "DE", "US"])
      expect(await priceIn(coat.id, country)).toEqual({
        price: { amount: coat.price, currencyCode: "EUR" },
        compareAtPrice: null,
      });
  });

  it("builds a price list through the Admin API: a catalog, a 20% decrease, a fixed price with compare-at, then deleted", async () => {
    const catalog = await api()(
      `mutation C($markets: [ID!]) { catalogCreate(input: { title: "Europe", status: ACTIVE, context: { marketIds: $markets } }) { catalog { id } userErrors { message } } }`,
      { markets: [markets.Europe] },
    );
    expect(catalog.data.catalogCreate.userErrors).toEqual([]);
    const created = await api()(
      `mutation L($catalog: ID) { priceListCreate(input: { name: "Europe sale", currency: EUR, catalogId: $catalog,
        parent: { adjustment: { type: PERCENTAGE_DECREASE, value: 20 } } }) { priceList { id catalog { id } } userErrors { message } } }`,
      { catalog: catalog.data.catalogCreate.catalog.id },
    );
    const list = created.data.priceListCreate.priceList;
    expect(list.catalog.id).toBe(catalog.data.catalogCreate.catalog.id);
    expect((await priceIn(knit.id, "DE")).price.amount).toBe(
      (Number(knit.price) * 0.8).toFixed(2),
    );

    const mismatch = await api()(
      `mutation F($list: ID!, $v: ID!) { priceListFixedPricesAdd(priceListId: $list, prices: [{ variantId: $v, price: { amount: "10", currencyCode: GBP } }]) { prices { originType } userErrors { code } } }`,
      { list: list.id, v: knit.id },
    );
    expect(mismatch.data.priceListFixedPricesAdd.userErrors).toEqual([
      { code: "PRICE_LIST_CURRENCY_MISMATCH" },
    ]);
    const fixed = await api()(
      `mutation F($list: ID!, $v: ID!) { priceListFixedPricesAdd(priceListId: $list, prices: [{ variantId: $v,
        price: { amount: "59.5", currencyCode: EUR }, compareAtPrice: { amount: "89", currencyCode: EUR } }]) {
        prices { originType price { amount } } userErrors { code } } }`,
      { list: list.id, v: knit.id },
    );
    expect(fixed.data.priceListFixedPricesAdd.prices).toEqual([
      { originType: "FIXED", price: { amount: "59.50" } },
    ]);
    expect(await priceIn(knit.id, "DE")).toEqual({
      price: { amount: "59.50", currencyCode: "EUR" },
      compareAtPrice: { amount: "89.00", currencyCode: "EUR" },
    });
    const { data } = await api()(
      `query Q($id: ID!) { priceList(id: $id) { prices(first: 5, originType: FIXED) { nodes { variant { id } } } } }`,
      { id: list.id },
    );
    expect(data.priceList.prices.nodes).toEqual([{ variant: { id: knit.id } }]);

    await api()(
      `mutation D($list: ID!, $v: ID!) { priceListFixedPricesDelete(priceListId: $list, variantIds: [$v]) { deletedFixedPriceVariantIds } }`,
      { list: list.id, v: knit.id },
    );
    expect((await priceIn(knit.id, "DE")).price.amount).toBe(
      (Number(knit.price) * 0.8).toFixed(2),
    );
  });
});
