// Every attribute type: what a merchant may type, what is refused and why, and the metafield it becomes.
import { describe, expect, it } from "vitest";
import {
  ATTRIBUTE_TYPES,
  coerceAttributeValue,
  formatAttributeValue,
  type AttributeShape,
  type AttributeType,
  type ValidationRules,
} from "~/pim/attribute-types";
import { metafieldType, metafieldValue } from "~/pim/metafields";

const attr = (
  type: AttributeType,
  validation: ValidationRules = {},
): AttributeShape => ({ key: "k", type, validation });

const cases: Record<
  AttributeType,
  {
    rules?: ValidationRules;
    good: [string, unknown][];
    bad: [string, RegExp][];
    metafield: [string, string];
  }
> = {
  single_line_text: {
    rules: { maxLength: 5, pattern: "[A-Z]+" },
    good: [["ABC", "ABC"]],
    bad: [
      ["AB\nC", /single line/],
      ["ABCDEFG", /at most 5/],
      ["abc", /format/],
    ],
    metafield: ["single_line_text_field", "ABC"],
  },
  multi_line_text: {
    rules: { minLength: 3 },
    good: [["line 1\r\nline 2", "line 1\nline 2"]],
    bad: [["ab", /at least 3/]],
    metafield: ["multi_line_text_field", "line 1\nline 2"],
  },
  rich_text: {
    good: [["Hello", "Hello"]],
    bad: [],
    metafield: [
      "rich_text_field",
      JSON.stringify({
        type: "root",
        children: [
          { type: "paragraph", children: [{ type: "text", value: "Hello" }] },
        ],
      }),
    ],
  },
  integer: {
    rules: { min: 0, max: 10 },
    good: [["7", 7]],
    bad: [
      ["7.5", /whole number/],
      ["11", /at most 10/],
      ["-1", /at least 0/],
    ],
    metafield: ["number_integer", "7"],
  },
  decimal: {
    rules: { min: 0.5 },
    good: [["2.25", 2.25]],
    bad: [
      ["abc", /number/],
      ["0.1", /at least 0.5/],
    ],
    metafield: ["number_decimal", "2.25"],
  },
  boolean: {
    good: [
      ["yes", true],
      ["false", false],
    ],
    bad: [["maybe", /yes or no/]],
    metafield: ["boolean", "true"],
  },
  date: {
    good: [["2026-09-01", "2026-09-01"]],
    bad: [
      ["2026-02-30", /date/],
      ["01/09/2026", /date/],
    ],
    metafield: ["date", "2026-09-01"],
  },
  single_select: {
    rules: { allowedValues: ["Slim", "Regular"] },
    good: [["Slim", "Slim"]],
    bad: [["Baggy", /not one of/]],
    metafield: ["single_line_text_field", "Slim"],
  },
  multi_select: {
    rules: { allowedValues: ["AW26", "Core"] },
    good: [["AW26; Core", ["AW26", "Core"]]],
    bad: [["AW26, SS99", /"SS99" is not one of/]],
    metafield: ["list.single_line_text_field", '["AW26","Core"]'],
  },
  measurement: {
    rules: { measurementKind: "weight", max: 5 },
    good: [
      ["1.2 kg", { value: 1.2, unit: "KILOGRAMS" }],
      ["4 GRAMS", { value: 4, unit: "GRAMS" }],
    ],
    bad: [
      ["1.2", /number and a unit/],
      ["3 cm", /Unknown weight unit/],
      ["9 kg", /at most 5/],
    ],
    metafield: ["weight", '{"value":1.2,"unit":"KILOGRAMS"}'],
  },
  colour: {
    good: [["#C19A6B", "#c19a6b"]],
    bad: [["camel", /colour/]],
    metafield: ["color", "#c19a6b"],
  },
  url: {
    good: [
      ["https://example.com/size-chart", "https://example.com/size-chart"],
    ],
    bad: [
      ["javascript:alert(1)", /http/],
      ["not a url", /URL/],
    ],
    metafield: ["url", "https://example.com/size-chart"],
  },
  product_reference: {
    good: [["gid://shopify/Product/12", "gid://shopify/Product/12"]],
    bad: [["12", /product id/]],
    metafield: ["product_reference", "gid://shopify/Product/12"],
  },
  asset_reference: {
    good: [["gid://shopify/MediaImage/5", "gid://shopify/MediaImage/5"]],
    bad: [["gid://shopify/Product/5", /file id/]],
    metafield: ["file_reference", "gid://shopify/MediaImage/5"],
  },
};

describe("attribute types", () => {
  it("covers every type", () => {
    expect(Object.keys(cases).sort()).toEqual([...ATTRIBUTE_TYPES].sort());
  });

  describe.each(Object.entries(cases))("%s", (type, spec) => {
    const attribute = attr(type as AttributeType, spec.rules);

    it.each(spec.good)("accepts %j", (input, expected) => {
      expect(coerceAttributeValue(attribute, input)).toEqual({
        ok: true,
        value: expected,
      });
    });

    it.each(spec.bad)("refuses %j", (input, message) => {
      const result = coerceAttributeValue(attribute, input);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error).toMatch(message);
    });

    it("treats empty input as a cleared value", () => {
      expect(coerceAttributeValue(attribute, "  ")).toEqual({
        ok: true,
        value: null,
      });
    });

    it("maps to its Shopify metafield type and value", () => {
      const [input] = spec.good[0]!;
      const parsed = coerceAttributeValue(attribute, input);
      if (!parsed.ok || parsed.value === null) throw new Error("bad fixture");
      expect([
        metafieldType(attribute),
        metafieldValue(attribute, parsed.value),
      ]).toEqual(spec.metafield);
    });

    it("formats back to text that parses to the same value", () => {
      const [input] = spec.good[0]!;
      const parsed = coerceAttributeValue(attribute, input);
      if (!parsed.ok) throw new Error("bad fixture");
      expect(
        coerceAttributeValue(attribute, formatAttributeValue(parsed.value)),
      ).toEqual(parsed);
    });
  });
});
