// A season is thousands of products: a launch of more picked products than SQLite's old limit of 999 bound
// values per statement (Prisma's default for SQLite) is created and its board read, on both databases.
import { expect, it } from "vitest";
import db from "~/db.server";
import { createLaunch, getLaunch } from "~/launch/launch.server";
import { buildShop } from "../support/factories/shop";

const SHOP = "large-season.myshopify.com";
const PRODUCTS = 1_050;

it("creates a launch of 1,050 picked products and reads its board", async () => {
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
  // The board reads every product's readiness (the blockers and the ready count cover them all), then pages.
  const board = await getLaunch(SHOP, id);
  expect(board.productCount).toBe(PRODUCTS);
  expect(board.products).toHaveLength(50);
  expect(board.nextCursor).toBe("50");
});
