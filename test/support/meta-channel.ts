// The Meta channel tests' shops (one with a two-variant camel wrap coat, another with its own) and the feed as
// Meta fetches it: GET /feeds/meta/{shop}.csv?token=….
import { loader as feedLoader } from "~/routes/feeds.$feed.$file";
import { buildProduct, type ProductSpec } from "./factories/product";
import { storeOfflineSession } from "./shopify";

export const SHOP = "meta-atelier.myshopify.com";
export const OTHER = "meta-other.myshopify.com";

export const coat = (n: number): ProductSpec => ({
  vendor: "Maison",
  productType: null,
  variants: [
    {
      title: "Camel / M",
      sku: `WRAP-${n}-CAM-M`,
      price: "260.00",
      options: { Colour: "Camel", Size: "M" },
    },
    {
      title: "Camel / L",
      sku: `WRAP-${n}-CAM-L`,
      price: "260.00",
      options: { Colour: "Camel", Size: "L" },
    },
  ],
});

export const fetchFeed = (shop: string, token: string, file = `${shop}.csv`) =>
  feedLoader({
    request: new Request(
      `https://app.example/feeds/meta/${file}?token=${token}`,
    ),
    params: { feed: "meta", file },
    context: {},
  });

/** Wrap coat 1 of SHOP (with an offline session) and coat 2 of OTHER; returns coat 1's id. */
export async function buildMetaShops(): Promise<string> {
  const productId = (await buildProduct(SHOP, 1, coat(1))).id;
  await buildProduct(OTHER, 2, coat(2));
  await storeOfflineSession(SHOP);
  return productId;
}
