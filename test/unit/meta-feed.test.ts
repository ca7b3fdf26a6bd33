// The Meta catalogue channel's pure parts: the CSV it serves (read back with a CSV parser, as Meta would) and the
// rendition rules it holds images to.
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CHANNELS } from "~/channels/kinds";
import { renditionCacheKey } from "~/dam/rendition-keys";
import {
  META_COLUMNS,
  renderMetaFeed,
  type MetaItem,
} from "~/sync/channels/meta-feed";
import { checkRules } from "~/sync/preflight";

const item: MetaItem = {
  id: "AW26-COA-001-CAM-M",
  itemGroupId: "1001",
  title: 'Wrap Coat, "Camel" - M',
  description: "Recycled wool,\ncashmere & care: dry clean only.",
  availability: "in stock",
  link: "https://vitrine-demo.myshopify.com/products/wrap-coat?variant=1",
  imageLink: "https://app.example/renditions/s/abc.meta.v1.jpg?sig=x",
  additionalImageLinks: [
    "https://app.example/renditions/s/def.meta.v1.jpg?sig=y",
    "https://app.example/renditions/s/ghi.meta.v1.jpg?sig=z",
  ],
  price: { amount: 26000, currency: "EUR" },
  brand: "Maison Vitrine",
  color: "Camel",
  size: "M",
  gender: "female",
  ageGroup: "adult",
  material: null,
};

const read = (csv: string) =>
  parse(csv, { columns: true }) as Record<string, string>[];

describe("Meta catalogue feed (CSV)", () => {
  it("writes Meta's columns in order, one row per item, with quoted commas, quotes and line breaks", () => {
    const csv = renderMetaFeed([
      item,
      { ...item, id: "AW26-COA-001-CAM-L", size: "L" },
    ]);
    expect(csv.split("\n")[0]).toBe(META_COLUMNS.join(","));
    const rows = read(csv);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({
      id: "AW26-COA-001-CAM-M",
      item_group_id: "1001",
      title: 'Wrap Coat, "Camel" - M',
      description: "Recycled wool,\ncashmere & care: dry clean only.",
      availability: "in stock",
      condition: "new",
      price: "260.00 EUR",
      link: item.link,
      image_link: item.imageLink,
      additional_image_link: item.additionalImageLinks.join(","),
      brand: "Maison Vitrine",
      color: "Camel",
      size: "M",
      gender: "female",
      age_group: "adult",
      material: "",
    });
    expect(rows[1]!.size).toBe("L");
  });

  it("keeps Meta's limits: title 200 characters, 20 additional images", () => {
    const [row] = read(
      renderMetaFeed([
        {
          ...item,
          title: "x".repeat(300),
          additionalImageLinks: Array.from(
            { length: 25 },
            (_, i) => `https://a/${i}.jpg`,
          ),
        },
      ]),
    );
    expect(row!.title).toHaveLength(200);
    expect(row!.additional_image_link!.split(",")).toHaveLength(20);
  });

  it("serves a header only when no product is in the feed", () => {
    expect(read(renderMetaFeed([]))).toEqual([]);
    expect(renderMetaFeed([]).trim()).toBe(META_COLUMNS.join(","));
  });
});

describe("Meta rendition profile and rules", () => {
  const meta = CHANNELS.META_CATALOG;
  const measured = (width: number, height: number) => ({
    width,
    height,
    whiteBorder: 1,
    fill: 0.8,
  });

  it("renders square images on white, cached under their own key", () => {
    expect(meta.profile).toMatchObject({
      width: 1080,
      height: 1080,
      fit: "contain",
      format: "jpeg",
    });
    expect(renditionCacheKey("abc", meta.profile)).toBe("abc.meta.v1");
    expect(renditionCacheKey("abc", meta.profile)).not.toBe(
      renditionCacheKey("abc", CHANNELS.GOOGLE_MERCHANT.profile),
    );
  });

  it("refuses images under 500 × 500 px on either side, and watermarked ones", () => {
    expect(checkRules(measured(1080, 1080), meta.rules).passed).toBe(true);
    expect(checkRules(measured(500, 500), meta.rules).passed).toBe(true);
    expect(checkRules(measured(800, 480), meta.rules).failures).toEqual([
      { rule: "minShortSide", expected: "≥ 500 px", actual: "480 px" },
    ]);
    expect(
      checkRules(measured(400, 400), meta.rules).failures.map((f) => f.rule),
    ).toEqual(["minLongSide", "minShortSide"]);
    expect(
      checkRules(measured(1080, 1080), meta.rules, ["watermark"]).failures.map(
        (f) => f.rule,
      ),
    ).toEqual(["forbiddenTags"]);
  });
});
