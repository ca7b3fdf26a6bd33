import type { ActionFunctionArgs } from "@remix-run/node";
import { productChangedPayload } from "~/webhooks/payloads";
import { receiveWebhook } from "~/webhooks/receive.server";

export const action = ({ request }: ActionFunctionArgs) =>
  receiveWebhook(request, {
    payload: productChangedPayload,
    jobs: ({ shop, webhookId, payload }) => [
      {
        name: "product.refresh",
        payload: {
          shop,
          webhookId,
          productId: payload.admin_graphql_api_id,
          updatedAt: payload.updated_at ?? null,
        },
      },
    ],
  });
