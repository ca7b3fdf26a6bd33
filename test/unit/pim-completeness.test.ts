// Completeness per channel: which required attribute slots a product and its variants still miss.
import { describe, expect, it } from "vitest";
import { computeCompleteness } from "~/pim/completeness";

describe("completeness", () => {
  const attributes = [
    {
      id: "a1",
      key: "material",
      level: "PRODUCT" as const,
      requiredChannels: ["SHOPIFY_STOREFRONT", "GOOGLE_MERCHANT"],
    },
    {
      id: "a2",
      key: "gender",
      level: "PRODUCT" as const,
      requiredChannels: ["GOOGLE_MERCHANT"],
    },
    {
      id: "a3",
      key: "length",
      level: "VARIANT" as const,
      requiredChannels: ["MARKETPLACE"],
    },
  ];

  it("counts required slots per channel, per variant for variant attributes, in the default locale", () => {
    const result = computeCompleteness({
      productId: "p",
      variantIds: ["v1", "v2"],
      attributes,
      defaultLocale: "en",
      values: [
        {
          ownerId: "p",
          attributeId: "a1",
          locale: "en",
          channel: "*",
          draft: '"wool"',
        },
        {
          ownerId: "p",
          attributeId: "a2",
          locale: "*",
          channel: "MARKETPLACE",
          draft: '"unisex"',
        },
        {
          ownerId: "v1",
          attributeId: "a3",
          locale: "*",
          channel: "*",
          draft: "{}",
        },
        {
          ownerId: "v2",
          attributeId: "a3",
          locale: "*",
          channel: "*",
          draft: null,
        },
      ],
    });

    expect(result).toEqual([
      { channel: "SHOPIFY_STOREFRONT", percent: 100, missing: [] },
      {
        channel: "GOOGLE_MERCHANT",
        percent: 50,
        missing: [{ attribute: "gender" }],
      },
      {
        channel: "MARKETPLACE",
        percent: 50,
        missing: [{ attribute: "length", variantId: "v2" }],
      },
      // Nothing is required on the Meta catalogue here.
      { channel: "META_CATALOG", percent: 100, missing: [] },
    ]);
  });

  it("ignores values in other locales", () => {
    const [storefront] = computeCompleteness({
      productId: "p",
      variantIds: [],
      attributes,
      defaultLocale: "en",
      values: [
        {
          ownerId: "p",
          attributeId: "a1",
          locale: "fr",
          channel: "*",
          draft: '"laine"',
        },
      ],
    });
    expect(storefront).toEqual({
      channel: "SHOPIFY_STOREFRONT",
      percent: 0,
      missing: [{ attribute: "material" }],
    });
  });
});
