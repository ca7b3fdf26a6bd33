// Wires the app under test to an in-process store emulator: every Shopify-bound request the app makes goes to
// the emulator, and the emulator's webhooks are delivered to the app's own webhook routes.
import type { ActionFunctionArgs } from "@remix-run/node";
import { setShopifyFetch } from "~/shopify/api-origin.server";
import { action as appScopesUpdate } from "~/routes/webhooks.app.scopes_update";
import { action as appUninstalled } from "~/routes/webhooks.app.uninstalled";
import { action as customersDataRequest } from "~/routes/webhooks.customers.data_request";
import { action as customersRedact } from "~/routes/webhooks.customers.redact";
import { action as productsCreate } from "~/routes/webhooks.products.create";
import { action as productsDelete } from "~/routes/webhooks.products.delete";
import { action as productsUpdate } from "~/routes/webhooks.products.update";
import { action as shopRedact } from "~/routes/webhooks.shop.redact";
import db from "~/db.server";
import type { ShopifyEmulator } from "../../emulator/emulator";
import type { ProductRecord } from "../../emulator/state";
import { DEMO_SHOP, seedShop } from "../../emulator/seed/seed";
import { mirrorFromEmulator } from "./factories/product";
import { storeOfflineSessionWithToken } from "./shopify";

const webhookRoutes: Record<
  string,
  (args: ActionFunctionArgs) => Promise<Response>
> = {
  "/webhooks/app/uninstalled": appUninstalled,
  "/webhooks/app/scopes_update": appScopesUpdate,
  "/webhooks/products/create": productsCreate,
  "/webhooks/products/update": productsUpdate,
  "/webhooks/products/delete": productsDelete,
  "/webhooks/customers/data_request": customersDataRequest,
  "/webhooks/customers/redact": customersRedact,
  "/webhooks/shop/redact": shopRedact,
};

/** Delivers a webhook request to the app's route module for its path, as Remix would. */
export async function deliverToApp(request: Request): Promise<Response> {
  const action = webhookRoutes[new URL(request.url).pathname];
  if (!action) return new Response("Not Found", { status: 404 });
  try {
    return await action({ request, params: {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** Sends the app's Shopify-bound requests (the library's and the app's own) to `emulator`. */
export function connectAppTo(emulator: ShopifyEmulator): void {
  setShopifyFetch(emulator.fetchFor());
}

/**
 * The emulator's demo shop as an install leaves it: seeded without images (`factor` 0.02 unless set), the app
 * connected to the emulator with the shop's offline session, the catalogue mirrored, and `locales` (the first one
 * primary) stored as shop.sync-details would. Returns our product ids by Shopify GID.
 */
export async function installDemoShop(
  emulator: ShopifyEmulator,
  options: { factor?: number; locales?: string[] } = {},
): Promise<Map<string, string>> {
  await seedShop(emulator, DEMO_SHOP, {
    factor: options.factor ?? 0.02,
    images: false,
  });
  connectAppTo(emulator);
  await storeOfflineSessionWithToken(
    DEMO_SHOP,
    emulator.issueAccessToken(DEMO_SHOP),
  );
  const ids = await mirrorFromEmulator(emulator, DEMO_SHOP);
  if (options.locales)
    await db.shop.update({
      where: { shop: DEMO_SHOP },
      data: { primaryLocale: options.locales[0], locales: options.locales },
    });
  return ids;
}

/** The demo shop's first ACTIVE seeded product that `where` accepts, with our id for it (`ids` from installDemoShop). */
export function demoProduct(
  emulator: ShopifyEmulator,
  ids: Map<string, string>,
  where: (product: ProductRecord) => boolean = () => true,
) {
  const seeded = [...emulator.shop(DEMO_SHOP).products.values()].find(
    (p) => p.status === "ACTIVE" && where(p),
  );
  if (!seeded) throw new Error("no such product in the demo shop");
  return {
    id: ids.get(seeded.id)!,
    gid: seeded.id,
    handle: seeded.handle,
    title: seeded.title,
    seeded,
  };
}
