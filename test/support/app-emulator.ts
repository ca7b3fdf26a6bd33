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
import type { ShopifyEmulator } from "../../emulator/emulator";

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
