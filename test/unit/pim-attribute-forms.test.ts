// pim/attributes.schema.ts: the settings forms, as the browser posts them, become the domain's inputs.
import { describe, expect, it } from "vitest";
import { formObject } from "~/lib/http.server";
import { attributeForm, familyForm } from "~/pim/attributes.schema";

const posted = (fields: [string, string][]) =>
  formObject(new URLSearchParams(fields));

describe("attribute form", () => {
  it("turns checkboxes into booleans, `;` lists into arrays and leaves empty numbers out", () => {
    const input = attributeForm.parse(
      posted([
        ["key", "lining"],
        ["label", "Lining"],
        ["type", "single_select"],
        ["level", "VARIANT"],
        ["group", ""],
        ["allowedValues", "Silk; Viscose ;"],
        ["min", ""],
        ["maxLength", "40"],
        ["required", "on"],
        ["localisable", "on"],
      ]),
    );
    expect(input).toEqual({
      key: "lining",
      labels: { en: "Lining" },
      type: "single_select",
      level: "VARIANT",
      localisable: true,
      channelSpecific: false,
      group: "General",
      validation: {
        required: true,
        allowedValues: ["Silk", "Viscose"],
        min: undefined,
        max: undefined,
        maxLength: 40,
      },
    });
  });

  it("falls back to a product-level attribute for an unknown level", () => {
    expect(
      attributeForm.parse(
        posted([
          ["type", "boolean"],
          ["level", "X"],
        ]),
      ).level,
    ).toBe("PRODUCT");
  });
});

describe("family form", () => {
  it("keeps the ticked attributes in order, each required on the channels ticked for it", () => {
    const input = familyForm.parse(
      posted([
        ["name", "Outerwear"],
        ["productTypes", "Coats; Jackets"],
        ["attributes", "fit"],
        ["attributes", "material_composition"],
        ["required.fit.SHOPIFY_STOREFRONT", "on"],
        ["required.fit.GOOGLE_MERCHANT", "on"],
        // Not in the family: its required box does not matter.
        ["required.gender.MARKETPLACE", "on"],
      ]),
    );
    expect(input).toEqual({
      name: "Outerwear",
      productTypes: ["Coats", "Jackets"],
      categoryIds: [],
      attributes: [
        {
          key: "fit",
          requiredChannels: ["SHOPIFY_STOREFRONT", "GOOGLE_MERCHANT"],
        },
        { key: "material_composition", requiredChannels: [] },
      ],
    });
  });

  it("reads a single ticked attribute as a list of one", () => {
    expect(
      familyForm.parse(
        posted([
          ["name", "Bags"],
          ["attributes", "fit"],
        ]),
      ).attributes,
    ).toEqual([{ key: "fit", requiredChannels: [] }]);
  });
});
