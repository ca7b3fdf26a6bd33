// The shop's Google Merchant Center feed (RSS 2.0, g: namespace), fetched by Google on its schedule. Authorised by
// the channel's feed token; rendered from the feed rows the worker keeps current.
import { timingSafeEqual } from "node:crypto";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { shopDomain } from "~/lib/ids";
import { shopChannels } from "~/sync/channels/channels.db.server";
import { googleFeedXml } from "~/sync/channels/feed.db.server";
import { findShop } from "~/shop/shop.db.server";

const notFound = () => new Response("Not Found", { status: 404 });

export const loader = async ({ params, request }: LoaderFunctionArgs) => {
  const shop = shopDomain.safeParse(params.file?.replace(/\.xml$/, ""));
  if (!shop.success || !params.file?.endsWith(".xml")) return notFound();
  // An uninstalled shop's products must leave Google: its feed is gone until the shop installs again.
  if ((await findShop(shop.data))?.status !== "INSTALLED") return notFound();
  const { google } = await shopChannels(shop.data);
  const given = Buffer.from(
    new URL(request.url).searchParams.get("token") ?? "",
  );
  const expected = Buffer.from(google.config.feedToken);
  if (
    !google.enabled ||
    given.length !== expected.length ||
    !timingSafeEqual(given, expected)
  )
    return notFound();
  return new Response(await googleFeedXml(shop.data), {
    headers: {
      "Content-Type": "application/rss+xml; charset=utf-8",
      "Cache-Control": "no-cache",
    },
  });
};
