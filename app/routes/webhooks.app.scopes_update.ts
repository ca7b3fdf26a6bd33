import type { ActionFunctionArgs } from "@remix-run/node";
import { updateSessionScopes } from "~/shop/shop.db.server";
import { scopesUpdatePayload } from "~/webhooks/payloads";
import { receiveWebhook } from "~/webhooks/receive.server";

export const action = ({ request }: ActionFunctionArgs) =>
  receiveWebhook(request, {
    payload: scopesUpdatePayload,
    apply: async ({ shop, payload }) => {
      await updateSessionScopes(shop, payload.current);
    },
  });
