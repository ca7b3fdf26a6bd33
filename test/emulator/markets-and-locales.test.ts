import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_SHOP, seedShop } from "../../emulator/seed/seed";
import { adminApi, testEmulator } from "../../emulator/testing";

const emulator = testEmulator({ mediaProcessingMs: 20 });
const api = () => adminApi(emulator, DEMO_SHOP);

let product: { handle: string };

beforeAll(async () => {
  await seedShop(emulator, DEMO_SHOP, { factor: 0.05, images: false });
  const { data } = await api()(
    `{ products(first: 1, query: "status:ACTIVE") { nodes { handle } } }`,
  );
  product = data.products.nodes[0];
});

describe("markets, web presences and locales", () => {
  it("has markets on one web presence serving the primary locale and the published French one", async () => {
    const { data } = await api()(`{
      markets(first: 10) { nodes { name handle status type currencySettings { baseCurrency { currencyCode } }
        conditions { regionsCondition { regions(first: 10) { nodes { ... on MarketRegionCountry { code } } } } }
        webPresences(first: 2) { nodes { id } } } }
      webPresences(first: 5) { nodes { id defaultLocale { locale primary } alternateLocales { locale published } rootUrls { locale url } markets(first: 5) { nodes { name } } } }
      shopLocales { locale marketWebPresences { id } }
    }`);
    expect(data.markets.nodes.map((m: { name: string }) => m.name)).toEqual([
      "Europe",
      "France",
      "United Kingdom",
    ]);
    expect(data.markets.nodes[1]).toMatchObject({
      status: "ACTIVE",
      type: "REGION",
      currencySettings: { baseCurrency: { currencyCode: "EUR" } },
      conditions: {
        regionsCondition: { regions: { nodes: [{ code: "FR" }] } },
      },
    });
    const presence = data.webPresences.nodes[0];
    expect(presence).toMatchObject({
      defaultLocale: { locale: "en", primary: true },
      alternateLocales: [{ locale: "fr", published: true }],
      rootUrls: [
        { locale: "en", url: `https://${DEMO_SHOP}/` },
        { locale: "fr", url: `https://${DEMO_SHOP}/fr/` },
      ],
    });
    expect(presence.markets.nodes).toHaveLength(3);
    expect(
      data.shopLocales.every(
        (l: { marketWebPresences: { id: string }[] }) =>
          l.marketWebPresences[0]?.id === presence.id,
      ),
    ).toBe(true);
  });

  it("enables a locale unpublished, publishes it, and refuses to unpublish or disable the primary one", async () => {
    const { data: presences } = await api()(
      `{ webPresences(first: 1) { nodes { id } } }`,
    );
    const enable = await api()(
      `mutation E($ids: [ID!]) { shopLocaleEnable(locale: "de", marketWebPresenceIds: $ids) { shopLocale { locale published } userErrors { message } } }`,
      { ids: [presences.webPresences.nodes[0].id] },
    );
    expect(enable.data.shopLocaleEnable.shopLocale).toEqual({
      locale: "de",
      published: false,
    });
    expect(
      (
        await emulator.handle(
          new Request(`https://${DEMO_SHOP}/de/products/${product.handle}.js`),
        )
      ).status,
    ).toBe(404);
    const publish = await api()(
      `mutation { shopLocaleUpdate(locale: "de", shopLocale: { published: true }) { shopLocale { published } } }`,
    );
    expect(publish.data.shopLocaleUpdate.shopLocale.published).toBe(true);
    expect(
      (
        await emulator.handle(
          new Request(`https://${DEMO_SHOP}/de/products/${product.handle}.js`),
        )
      ).status,
    ).toBe(200);
    const primary = await api()(
      `mutation { shopLocaleDisable(locale: "en") { locale userErrors { message } } }`,
    );
    expect(primary.data.shopLocaleDisable.userErrors).toHaveLength(1);
    const disable = await api()(
      `mutation { shopLocaleDisable(locale: "de") { locale userErrors { message } } }`,
    );
    expect(disable.data.shopLocaleDisable).toEqual({
      locale: "de",
      userErrors: [],
    });
  });
});
