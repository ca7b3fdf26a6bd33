// The App Bridge stand-in's resource picker: the product list it searches (by title, handle or SKU, each product
// with its variants as GIDs), scoped to the shop, and the picker wired into the App Bridge script.
import { describe, expect, it } from "vitest";
import { seedShop } from "../../emulator/seed/seed";
import { testEmulator } from "../../emulator/testing";

const SHOP = "picker.myshopify.com";
const emulator = testEmulator({ appUrl: "http://localhost:3000" });
const seeded = seedShop(emulator, SHOP, { factor: 0.05, images: false });

interface PickerItem {
  id: string;
  title: string;
  handle: string;
  variants: { id: string; sku: string | null; title: string }[];
}

const list = async (query: string, shop = SHOP) => {
  const response = await emulator.handle(
    new Request(
      `http://127.0.0.1:8787/__emulator/resource-picker?shop=${shop}&type=product&query=${encodeURIComponent(query)}`,
    ),
  );
  return {
    status: response.status,
    body: (await response.json()) as { items?: PickerItem[] },
  };
};

describe("the resource picker stand-in", () => {
  it("finds products by title, handle or a variant's SKU, with their variants as GIDs", async () => {
    await seeded;
    const product = [...emulator.shop(SHOP).products.values()][0]!;
    const variant = emulator.shop(SHOP).variants.get(product.variantIds[0]!)!;
    for (const query of [
      product.title.toUpperCase(),
      product.handle,
      variant.sku!,
    ]) {
      const { body } = await list(query);
      const found = body.items!.find((i) => i.id === product.id);
      expect(found).toMatchObject({
        title: product.title,
        handle: product.handle,
      });
      expect(found!.id).toMatch(/^gid:\/\/shopify\/Product\/\d+$/);
      expect(found!.variants.map((v) => v.id)).toEqual(product.variantIds);
    }
    expect((await list("no such product anywhere")).body.items).toEqual([]);
  });

  it("answers 404 for a shop it does not have", async () => {
    expect((await list("", "nowhere.myshopify.com")).status).toBe(404);
  });

  it("is part of the App Bridge script as shopify.resourcePicker", async () => {
    const script = await (
      await emulator.handle(
        new Request("http://127.0.0.1:8787/shopifycloud/app-bridge.js"),
      )
    ).text();
    expect(script).toContain("resourcePicker,");
    expect(script).toContain(
      "http://127.0.0.1:8787/__emulator/resource-picker",
    );
  });
});
