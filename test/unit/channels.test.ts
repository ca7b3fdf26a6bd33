import { XMLParser } from "fast-xml-parser";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { formatPrice } from "~/sync/channels/feed-item";
import { renderGoogleFeed, type GoogleItem } from "~/sync/channels/google-feed";
import { CHANNELS } from "~/channels/kinds";
import { renditionCacheKey } from "~/dam/rendition-keys";
import {
  analyseRaster,
  checkRules,
  describeFailures,
  type Raster,
} from "~/sync/preflight";

/** A white canvas with a coloured rectangle: the product in a studio shot. */
function canvas(
  width: number,
  height: number,
  product: { x: number; y: number; w: number; h: number } | null,
  background = 255,
): Raster {
  const data = new Uint8Array(width * height * 3).fill(background);
  if (product) {
    for (let y = product.y; y < product.y + product.h; y++) {
      for (let x = product.x; x < product.x + product.w; x++)
        data.set([193, 154, 107], (y * width + x) * 3);
    }
  }
  return { data, width, height, channels: 3 };
}

describe("pre-flight from pixels", () => {
  const marketplace = CHANNELS.MARKETPLACE.rules;

  it("passes a product filling 90 % of a pure white square", () => {
    const analysis = analyseRaster(
      canvas(1200, 1200, { x: 100, y: 60, w: 1000, h: 1080 }),
    );
    expect(analysis.fill).toBeCloseTo(0.9, 2);
    expect(analysis.whiteBorder).toBe(1);
    expect(checkRules(analysis, marketplace)).toEqual({
      passed: true,
      failures: [],
    });
  });

  it("refuses a grey studio background", () => {
    const result = checkRules(
      analyseRaster(
        canvas(1200, 1200, { x: 100, y: 60, w: 1000, h: 1080 }, 235),
      ),
      marketplace,
    );
    expect(result).toEqual({
      passed: false,
      failures: [
        { rule: "minWhiteBorder", expected: "≥ 98% white", actual: "0%" },
      ],
    });
  });

  it("says what the image needs in words, with this image's measure", () => {
    const grey = checkRules(
      analyseRaster(
        canvas(1200, 1200, { x: 100, y: 60, w: 1000, h: 1080 }, 235),
      ),
      marketplace,
    );
    const small = checkRules(
      analyseRaster(canvas(1200, 1200, { x: 300, y: 300, w: 600, h: 600 })),
      marketplace,
    );
    expect(
      describeFailures("Camel coat front", [
        ...grey.failures,
        ...small.failures,
      ]),
    ).toBe(
      "“Camel coat front”: Needs a white border of at least 98 % (this image: 0 %); " +
        "The product must fill at least 85 % of the frame (this image: 50 %)",
    );
  });

  it("refuses a product filling half the frame, saying by how much", () => {
    const result = checkRules(
      analyseRaster(canvas(1200, 1200, { x: 300, y: 300, w: 600, h: 600 })),
      marketplace,
    );
    expect(result).toEqual({
      passed: false,
      failures: [
        { rule: "minFill", expected: "≥ 85% of the frame", actual: "50%" },
      ],
    });
  });

  it("refuses a rendition too small for Google apparel, and a watermarked asset", () => {
    const small = analyseRaster(
      canvas(600, 750, { x: 50, y: 50, w: 500, h: 650 }),
    );
    expect(
      checkRules(small, CHANNELS.GOOGLE_MERCHANT.rules, [
        "watermark",
      ]).failures.map((f) => f.rule),
    ).toEqual(["minLongSide", "forbiddenTags"]);
  });

  it("treats transparent pixels as background", () => {
    const data = new Uint8Array(10 * 10 * 4); // all transparent black
    expect(
      analyseRaster({ data, width: 10, height: 10, channels: 4 }),
    ).toMatchObject({ whiteBorder: 1, fill: 0 });
  });

  it("caches renditions by master hash and profile version", () => {
    expect(renditionCacheKey("abc123", CHANNELS.MARKETPLACE.profile)).toBe(
      "abc123.marketplace-main.v1",
    );
  });
});

describe("Google Merchant feed", () => {
  const item: GoogleItem = {
    id: "AW26-COA-001-CAM-M",
    itemGroupId: "AW26-COA-001",
    title: "Recycled Wool Wrap Coat — Camel / M",
    description:
      "A wrap coat in recycled wool & cashmere <from the AW26 collection>.",
    link: "https://vitrine-demo.myshopify.com/products/recycled-wool-wrap-coat?variant=1",
    imageLink: "https://app.example/renditions/google/abc.jpg?v=3",
    additionalImageLinks: ["https://app.example/renditions/google/def.jpg?v=1"],
    price: { amount: 26000, currency: "EUR" },
    availability: "in_stock",
    brand: "Maison Vitrine",
    gtin: "4000000000017",
    mpn: null,
    color: "Camel",
    size: "M",
    gender: "female",
    ageGroup: "adult",
    googleProductCategory:
      "Apparel & Accessories > Clothing > Outerwear > Coats & Jackets",
    productType: "Coats",
    material: "Recycled wool",
  };

  it("renders RSS 2.0 items with the g: namespace, escaped text and prices in major units", () => {
    const xml = renderGoogleFeed({
      title: "Maison Vitrine",
      link: "https://vitrine-demo.myshopify.com",
      description: "All products",
      items: [item],
    });
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml) as {
      rss: {
        "@_version": string;
        "@_xmlns:g": string;
        channel: { item: Record<string, unknown> };
      };
    };
    expect(parsed.rss["@_version"]).toBe("2.0");
    expect(parsed.rss["@_xmlns:g"]).toBe("http://base.google.com/ns/1.0");
    expect(parsed.rss.channel.item).toMatchObject({
      "g:id": "AW26-COA-001-CAM-M",
      "g:item_group_id": "AW26-COA-001",
      description:
        "A wrap coat in recycled wool & cashmere <from the AW26 collection>.",
      "g:price": "260.00 EUR",
      "g:image_link": "https://app.example/renditions/google/abc.jpg?v=3",
      "g:additional_image_link":
        "https://app.example/renditions/google/def.jpg?v=1",
      "g:gtin": 4000000000017,
      "g:identifier_exists": "yes",
      "g:gender": "female",
      "g:age_group": "adult",
    });
    expect(xml).not.toContain("g:mpn");
  });

  it("keeps the feed well-formed for a strict XML parser whatever the merchant types", () => {
    const hostile =
      "Coat &x; &#0; &amp; \u0000\u0001\u0007\u001f \uffff \ud800 <b>";
    const xml = renderGoogleFeed({
      title: hostile,
      link: "https://vitrine-demo.myshopify.com/?a=1&b=2",
      description: hostile,
      items: [
        { ...item, title: hostile, description: hostile, brand: hostile },
      ],
    });
    // jsdom's XML mode is a strict (saxes) parser: undefined entities, &#0; and control characters are fatal.
    const { DOMParser } = new JSDOM().window;
    const doc = new DOMParser().parseFromString(xml, "application/xml");
    expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
    const title = doc.querySelector("item > title")?.textContent;
    // The merchant's text survives literally; only characters XML cannot carry are dropped.
    expect(title).toBe("Coat &x; &#0; &amp;    <b>");
    expect(doc.querySelector("channel > link")?.textContent).toBe(
      "https://vitrine-demo.myshopify.com/?a=1&b=2",
    );
  });

  it("formats prices of zero-decimal currencies", () => {
    expect(formatPrice({ amount: 12000, currency: "JPY" })).toBe("12000 JPY");
  });
});
