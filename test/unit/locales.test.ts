import { describe, expect, it } from "vitest";
import {
  planTranslations,
  readKey,
  type WantedTranslation,
} from "~/pim/translation-plan";
import type { ResourceRead } from "~/pim/translations-shopify.server";
import {
  localisedLink,
  localiseGoogleItem,
} from "~/sync/channels/google-locales.server";
import type { GoogleItem } from "~/sync/channels/google-feed";
import { swatchHandle } from "~/sync/swatches.db.server";

const wanted = (value: string): WantedTranslation => ({
  resourceId: "gid://shopify/Metafield/1",
  key: "value",
  locale: "fr",
  marketId: null,
  subject: "attribute:material_composition",
  owner: "gid://shopify/Product/1",
  value,
});

const read = (
  source: string | null,
  translation?: { value: string; outdated: boolean },
): Map<string, Map<string, ResourceRead>> =>
  new Map([
    [
      readKey("fr", null),
      new Map([
        [
          "gid://shopify/Metafield/1",
          {
            content: new Map([
              ["value", { value: source, digest: source ? "d1" : null }],
            ]),
            translations: new Map(translation ? [["value", translation]] : []),
          },
        ],
      ]),
    ],
  ]);

describe("planning translations", () => {
  it("writes a missing translation against the source's digest", () => {
    const plan = planTranslations([wanted("laine")], read("wool"));
    expect(plan.rows[0]).toMatchObject({ status: "MISSING", source: "wool" });
    expect(plan.writes.get("gid://shopify/Metafield/1")).toEqual([
      {
        key: "value",
        locale: "fr",
        marketId: null,
        value: "laine",
        digest: "d1",
      },
    ]);
  });

  it("writes an outdated or different translation again, and leaves a live one alone", () => {
    expect(
      planTranslations(
        [wanted("laine")],
        read("wool", { value: "laine", outdated: true }),
      ).writes.size,
    ).toBe(1);
    expect(
      planTranslations(
        [wanted("laine")],
        read("wool", { value: "coton", outdated: false }),
      ).rows[0]!.status,
    ).toBe("OUTDATED");
    const live = planTranslations(
      [wanted("laine")],
      read("wool", { value: "laine", outdated: false }),
    );
    expect(live.writes.size).toBe(0);
    expect(live.rows[0]!.status).toBe("LIVE");
  });

  it("waits when Shopify has no source to translate yet", () => {
    const plan = planTranslations([wanted("laine")], read(null));
    expect(plan.rows[0]!.status).toBe("PENDING");
    expect(plan.writes.size).toBe(0);
  });
});

describe("localised Google items", () => {
  const item: GoogleItem = {
    id: "COA-1-M",
    itemGroupId: "1",
    title: "Wrap coat - Camel / M",
    description: "A wrap coat",
    link: "https://shop.example/products/wrap-coat?variant=11",
    imageLink: "https://cdn.example/a.jpg",
    additionalImageLinks: [],
    price: { amount: 26000, currency: "EUR" },
    availability: "in_stock",
    brand: "Maison",
    color: "Camel",
    material: "100% wool",
  };
  const row = {
    productId: "p1",
    variantId: "v1",
    productTitle: "Wrap coat",
    variantTitle: "Camel / M",
    item,
  };

  it("uses the translated title and description, the localised material and the language folder", () => {
    const fr = localiseGoogleItem(row, {
      language: "fr",
      primary: "en",
      title: "Manteau portefeuille",
      bodyHtml: "<p>Un manteau <b>croisé</b></p>",
      values: {
        product: { material_composition: "100 % laine" },
        variants: {},
      },
    });
    expect(fr).toMatchObject({
      title: "Manteau portefeuille - Camel / M",
      description: "Un manteau croisé",
      material: "100 % laine",
      link: "https://shop.example/fr/products/wrap-coat?variant=11",
      color: "Camel",
      price: item.price,
    });
  });

  it("keeps what has no translation, and the primary language's links", () => {
    expect(localiseGoogleItem(row, { language: "fr", primary: "en" })).toEqual({
      ...item,
      link: "https://shop.example/fr/products/wrap-coat?variant=11",
    });
    expect(localisedLink(item.link, "en", "en")).toBe(item.link);
  });

  it("takes the market's price, and shows a market sale as Google's price and sale_price", () => {
    const gbp = (amount: number) => ({ amount, currency: "GBP" });
    const localise = (compareAt: number | null) =>
      localiseGoogleItem(row, {
        language: "en",
        primary: "en",
        marketPrice: {
          price: gbp(19900),
          compareAtPrice: compareAt === null ? null : gbp(compareAt),
        },
      });
    expect(localise(null)).toMatchObject({
      price: gbp(19900),
      salePrice: null,
    });
    expect(localise(24900)).toMatchObject({
      price: gbp(24900),
      salePrice: gbp(19900),
    });
    // A compare-at price that is not above the price is no sale.
    expect(localise(19900)).toMatchObject({
      price: gbp(19900),
      salePrice: null,
    });
  });
});

describe("swatch handles", () => {
  it("makes a metaobject handle from an option value", () => {
    expect(swatchHandle("Camel Melange")).toBe("camel-melange");
    expect(swatchHandle("Bleu Marine Été")).toBe("bleu-marine-ete");
    expect(swatchHandle("  ")).toBe("colour");
  });
});
