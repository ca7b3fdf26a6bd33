// The sync route tests' two shops: each with one camel coat (one variant, Camel / M, from "Maison") and an
// offline session, and a POST as the embedded admin sends it.
import { buildProduct, type ProductSpec } from "./factories/product";
import { embeddedFetchRequest, storeOfflineSession } from "./shopify";

export const SHOP_A = "atelier-a.myshopify.com";
export const SHOP_B = "atelier-b.myshopify.com";

/** One variant, Camel / M, from the maker "Maison". */
export const camelCoat = (n: number): ProductSpec => ({
  vendor: "Maison",
  productType: null,
  variants: [
    {
      title: "Camel / M",
      sku: `COAT-${n}-CAM-M`,
      price: "260.00",
      options: { Colour: "Camel", Size: "M" },
    },
  ],
});

export const post = async (
  path: string,
  shop: string,
  fields: Record<string, string>,
) =>
  embeddedFetchRequest(path, shop, {
    method: "POST",
    body: new URLSearchParams(fields),
  });

/** Coat 1 of shop A and coat 2 of shop B, both shops with an offline session; returns coat 1's id. */
export async function buildTwoShops(): Promise<string> {
  const productA = (await buildProduct(SHOP_A, 1, camelCoat(1))).id;
  await buildProduct(SHOP_B, 2, camelCoat(2));
  await storeOfflineSession(SHOP_A);
  await storeOfflineSession(SHOP_B);
  return productA;
}
