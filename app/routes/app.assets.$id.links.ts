// The asset page's link form: link the asset to a product or its variants of one option value, to every variant
// with an option value, or remove a link. The storefront and channels follow through the outbox.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { errorResponse } from "~/lib/http.server";
import { kickOutboxRelay } from "~/outbox/relay.db.server";
import { assetLinkAction, runAssetLinkAction } from "~/sync/links.db.server";
import { authenticate } from "~/shopify.server";

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session, sessionToken } = await authenticate.admin(request);
  try {
    const input = assetLinkAction.parse(
      Object.fromEntries(await request.formData()),
    );
    const result = await runAssetLinkAction(
      session.shop,
      params.id ?? "",
      input,
      sessionToken?.sub ? `user:${sessionToken.sub}` : "staff",
    );
    await kickOutboxRelay();
    return json({ ok: true as const, ...result });
  } catch (error) {
    return errorResponse(error);
  }
};
