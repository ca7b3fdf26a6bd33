// A season is thousands of products: a launch of more picked products than SQLite's old limit of 999 bound
// values per statement (Prisma's default for SQLite) is created and its board read, on both databases.
import { expect, it } from "vitest";
import db from "~/db.server";
import { createLaunch, getLaunch } from "~/launch/launch.server";
import { buildShop } from "../support/factories/shop";

const SHOP = "large-season.myshopify.com";
const PRODUCTS = 1_200;

it("creates a launch of 1,200 picked products and reads its board", async () => {
  await buildShop(SHOP);
  const gids = Array.from(
    { length: PRODUCTS },
    (_, n) => `gid://shopify/Product/${n + 1}`,
  );
  await db.product.createMany({
    data: gids.map((shopifyId, n) => ({
      shop: SHOP,
      shopifyId,
      handle: `coat-${n + 1}`,
      title: `Coat ${n + 1}`,
      status: "DRAFT",
    })),
  });
  const { id, productCount } = await createLaunch(SHOP, {
    name: "AW26",
    selection: { kind: "products", productIds: gids },
  });
  expect(productCount).toBe(PRODUCTS);
  // The board, page by page as the launch page reads it: every product once.
  const seen = new Set<string>();
  let cursor: string | null = null;
  do {
    const page = await getLaunch(SHOP, id, {
      take: 250,
      cursor: cursor ?? undefined,
    });
    expect(page.productCount).toBe(PRODUCTS);
    for (const row of page.products) seen.add(row.productId);
    cursor = page.nextCursor;
  } while (cursor);
  expect(seen.size).toBe(PRODUCTS);
});
