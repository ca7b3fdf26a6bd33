// The theme app extension (the variant gallery and the 360° spin viewer) passes Shopify's theme check: Liquid,
// schema, translations and assets, as `shopify theme check` would report them offline.
import path from "node:path";
import { check } from "@shopify/theme-check-node";
import { describe, expect, it } from "vitest";

describe("theme app extension", () => {
  it("passes theme check with no offenses, spin viewer included", async () => {
    const root = path.resolve("extensions/vitrine-gallery");
    const offenses = await check(root);
    expect(
      offenses.map(
        (o) =>
          `${o.check} ${o.uri.split("/").slice(-2).join("/")}: ${o.message}`,
      ),
    ).toEqual([]);
  }, 120_000);
});
