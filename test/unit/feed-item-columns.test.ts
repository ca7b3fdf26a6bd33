// The feeds serve stored items (FeedItem.item, JSON) parsed through each channel's schema: an item as the adapter
// wrote it reads back equal; one of another shape stops naming the field instead of reaching Google or Meta.
import { describe, expect, it } from "vitest";
import { googleItemColumn, type GoogleItem } from "~/sync/channels/google-feed";
import { metaItemColumn, type MetaItem } from "~/sync/channels/meta-feed";

const base = {
  id: "CAMEL-COAT-M",
  itemGroupId: "1001",
  title: "Camel wool coat",
  description: "Double-breasted, wool and cashmere.",
  link: "https://shop.example/products/camel-coat",
  imageLink: "https://cdn.example/r/abc/google.jpg",
  additionalImageLinks: ["https://cdn.example/r/def/google.jpg"],
  price: { amount: 29900, currency: "EUR" },
  brand: "Atelier",
  color: "Camel",
  size: "M",
  material: null,
};
const stored = (item: object) => JSON.parse(JSON.stringify(item)) as unknown;

describe("stored feed items", () => {
  it("read back as the adapters wrote them", () => {
    const google: GoogleItem = {
      ...base,
      availability: "in_stock",
      gender: "female",
      ageGroup: "adult",
      gtin: null,
      mpn: "CAMEL-COAT-M",
      salePrice: { amount: 19900, currency: "EUR" },
    };
    const meta: MetaItem = {
      ...base,
      availability: "in stock",
      ageGroup: "all ages",
    };
    expect(googleItemColumn(stored(google))).toEqual(google);
    expect(metaItemColumn(stored(meta))).toEqual(meta);
  });

  it("refuses an item in another channel's words or with a malformed price, naming the field", () => {
    expect(() =>
      googleItemColumn(stored({ ...base, availability: "in stock" })),
    ).toThrow(/FeedItem\.item \(Google\).*availability/);
    expect(() =>
      metaItemColumn(
        stored({ ...base, availability: "in stock", price: "299.00 EUR" }),
      ),
    ).toThrow(/FeedItem\.item \(Meta\).*price/);
  });
});
