// The asset page's link form: link the asset to a product or its variants of one option value, to every variant
// with an option value, or remove a link. The storefront and channels follow through the outbox.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  actionFailure,
  actorOf,
  parseForm,
  requireParam,
} from "~/lib/http.server";
import { kickOutboxRelay } from "~/outbox/relay.db.server";
import {
  assetLinkAction,
  runAssetLinkAction,
} from "~/sync/asset-links.db.server";
import { authenticate } from "~/shopify.server";

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const auth = await authenticate.admin(request);
  const assetId = requireParam(params, "id");
  try {
    const input = await parseForm(request, assetLinkAction);
    const result = await runAssetLinkAction(
      auth.session.shop,
      assetId,
      input,
      actorOf(auth),
    );
    await kickOutboxRelay();
    return json({ ok: true as const, ...result });
  } catch (error) {
    return actionFailure(error);
  }
};
