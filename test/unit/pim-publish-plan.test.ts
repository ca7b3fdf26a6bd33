// The publish plan: which metafields a publish sets (with the digest last seen) and which it deletes.
import { describe, expect, it } from "vitest";
import { planPublish } from "~/pim/metafields";

describe("publish plan", () => {
  it("sets new and changed values with the digest last seen, and deletes cleared ones", () => {
    const plan = planPublish(
      [
        {
          ownerShopifyId: "P1",
          key: "fit",
          type: "single_line_text_field",
          value: "Slim",
        },
        {
          ownerShopifyId: "P1",
          key: "season",
          type: "list.single_line_text_field",
          value: '["AW26"]',
        },
        { ownerShopifyId: "V1", key: "length", type: "dimension", value: "x" },
      ],
      [
        {
          ownerShopifyId: "P1",
          key: "fit",
          type: "single_line_text_field",
          value: "Regular",
          digest: "d1",
        },
        {
          ownerShopifyId: "V1",
          key: "length",
          type: "dimension",
          value: "x",
          digest: "d2",
        },
        {
          ownerShopifyId: "P1",
          key: "care",
          type: "multi_line_text_field",
          value: "Dry clean",
          digest: "d3",
        },
      ],
    );
    expect(plan.set.map((s) => [s.key, s.compareDigest])).toEqual([
      ["fit", "d1"],
      ["season", null],
    ]);
    expect(plan.remove).toEqual([{ ownerShopifyId: "P1", key: "care" }]);
  });
});
