// The launch form and the shot vocabulary: what the create form accepts, and which shots a linked image counts as.
import { describe, expect, it } from "vitest";
import { createLaunchForm, launchActionSchema } from "~/launch/launch.schema";
import { productsNoun, SHOT_REQUIREMENTS, shotsOfLink } from "~/launch/shots";

describe("the create-launch form", () => {
  it("turns a tag selection with a go-live time into the structured input", () => {
    const parsed = createLaunchForm.parse({
      name: " AW26 ",
      selectionKind: "tag",
      tag: "aw26",
      goLiveAt: "2026-12-10T09:00:00.000Z",
      markets: "",
    });
    expect(parsed).toEqual({
      name: "AW26",
      selection: { kind: "tag", tag: "aw26" },
      goLiveAt: new Date("2026-12-10T09:00:00.000Z"),
      markets: [],
    });
  });

  it("splits picked products and refuses ids that are not product GIDs", () => {
    expect(
      createLaunchForm.parse({
        name: "Drop",
        selectionKind: "products",
        productIds: "gid://shopify/Product/1, gid://shopify/Product/2",
      }).selection,
    ).toEqual({
      kind: "products",
      productIds: ["gid://shopify/Product/1", "gid://shopify/Product/2"],
    });
    expect(
      createLaunchForm.safeParse({
        name: "Drop",
        selectionKind: "products",
        productIds: "gid://shopify/Collection/1",
      }).success,
    ).toBe(false);
    expect(
      createLaunchForm.safeParse({ name: "Drop", selectionKind: "products" })
        .success,
    ).toBe(false);
  });

  it("refuses an unreadable go-live time", () => {
    expect(
      createLaunchForm.safeParse({
        name: "Drop",
        selectionKind: "tag",
        tag: "x",
        goLiveAt: "next tuesday",
      }).success,
    ).toBe(false);
  });

  it("asks for an explicit confirmation before a rollback", () => {
    expect(launchActionSchema.safeParse({ intent: "rollback" }).success).toBe(
      false,
    );
    expect(
      launchActionSchema.parse({ intent: "rollback", confirm: "rollback" }),
    ).toEqual({ intent: "rollback", confirm: "rollback" });
  });
});

describe("shots", () => {
  it("counts a linked image by its role, and as a model shot when tagged so", () => {
    expect(shotsOfLink("BACK", [])).toEqual(["back"]);
    expect(shotsOfLink("LIFESTYLE", ["On-Model"])).toEqual([
      "lifestyle",
      "model",
    ]);
    expect(shotsOfLink("MANUAL", [])).toEqual([]);
  });

  it("asks the marketplace for front, back and model shots", () => {
    expect(SHOT_REQUIREMENTS.MARKETPLACE.shots).toEqual([
      "front",
      "back",
      "model",
    ]);
    expect(SHOT_REQUIREMENTS.GOOGLE_MERCHANT.mainMinLongSide).toBe(800);
  });
});

describe("blocker words", () => {
  it("counts products by their shared type, singular for one, whether the type is named singular or plural", () => {
    expect(productsNoun(1, ["Coats"])).toBe("1 coat");
    expect(productsNoun(3, ["Coats", "coats", "Coats"])).toBe("3 coats");
    expect(productsNoun(1, ["Coat"])).toBe("1 coat");
    expect(productsNoun(2, ["Coat", "Coat"])).toBe("2 coats");
    expect(productsNoun(1, ["Dresses"])).toBe("1 dress");
    expect(productsNoun(2, ["Dress", "Dress"])).toBe("2 dresses");
    expect(productsNoun(1, ["Accessories"])).toBe("1 accessory");
    expect(productsNoun(4, ["Accessory"])).toBe("4 accessories");
  });

  it("says products for mass nouns, plural-only nouns, mixed or missing types", () => {
    expect(productsNoun(1, ["Knitwear"])).toBe("1 knitwear product");
    expect(productsNoun(2, ["Trousers", "Trousers"])).toBe(
      "2 trousers products",
    );
    expect(productsNoun(2, ["Coats", "Knitwear"])).toBe("2 products");
    expect(productsNoun(1, [null])).toBe("1 product");
  });
});
