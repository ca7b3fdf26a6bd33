import type { ActionFunctionArgs } from "@remix-run/node";
import { productChangedHandler } from "~/webhooks/product-changed";
import { receiveWebhook } from "~/webhooks/receive.server";

export const action = ({ request }: ActionFunctionArgs) =>
  receiveWebhook(request, productChangedHandler);
