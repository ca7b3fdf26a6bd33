// The asset page's short poll while an approval travels: its state on every channel and each linked product's
// states, as a small JSON document (the page asks every second while anything is pending, then stops).
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { loaderFailure, requireParam } from "~/lib/http.server";
import { authenticate } from "~/shopify.server";
import { assetWatch } from "~/sync/asset-watch.db.server";
import { assetLinks } from "~/sync/asset-links.db.server";
import { productChannelStates } from "~/sync/overview.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const assetId = requireParam(params, "id");
  try {
    const [watch, links] = await Promise.all([
      assetWatch(session.shop, assetId),
      assetLinks(session.shop, assetId),
    ]);
    const states = await productChannelStates(session.shop, [
      ...new Set(links.map((l) => l.productId)),
    ]);
    return json(
      { watch, states },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    return loaderFailure(error);
  }
};
