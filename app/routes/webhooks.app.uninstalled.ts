import type { ActionFunctionArgs } from "@remix-run/node";
import { markShopUninstalled } from "~/shop/shop.db.server";
import { anyPayload } from "~/webhooks/payloads";
import { receiveWebhook } from "~/webhooks/receive.server";

// The access token is already revoked: delete the sessions and mark the shop uninstalled. Its data stays
// until shop/redact (48 hours later) so a quick reinstall finds everything.
export const action = ({ request }: ActionFunctionArgs) =>
  receiveWebhook(request, {
    payload: anyPayload,
    apply: ({ shop }) => markShopUninstalled(shop),
  });
