import type { ActionFunctionArgs } from "@remix-run/node";
import { anyPayload } from "~/webhooks/payloads";
import { receiveWebhook } from "~/webhooks/receive.server";

// Mandatory compliance topic. Vitrine stores no customer personal data (products, assets and staff sessions
// only), so there is nothing to report; the accepted request is recorded with its webhook id.
export const action = ({ request }: ActionFunctionArgs) =>
  receiveWebhook(request, { payload: anyPayload });
