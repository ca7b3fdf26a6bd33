import type { ActionFunctionArgs } from "@remix-run/node";
import { shopRedactPayload } from "~/webhooks/payloads";
import { receiveWebhook } from "~/webhooks/receive.server";

// Mandatory compliance topic, sent 48 hours after uninstall: erase everything we hold for the shop.
export const action = ({ request }: ActionFunctionArgs) =>
  receiveWebhook(request, {
    payload: shopRedactPayload,
    jobs: ({ shop }) => [{ name: "shop.erase", payload: { shop } }],
  });
