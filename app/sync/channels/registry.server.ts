// The channel adapters, by kind. Dispatch, the generic run, the reconciler, the feed routes and the UI read
// channels from here and from channels/kinds.ts; nothing else branches per channel. Adding a channel: its kind
// and definition in channels/kinds.ts, its adapter module here (with its tests), its label in i18n.
import type { ChannelKind } from "~/channels/kinds";
import { storefrontAdapter } from "../storefront/adapter.server";
import type {
  ChannelAdapter,
  DesiredState,
  FeedServing,
  Observation,
} from "./adapter";
import { googleAdapter } from "./google.server";
import { marketplaceAdapter } from "./marketplace-adapter.server";
import { metaAdapter } from "./meta.server";

const adapters = {
  SHOPIFY_STOREFRONT: storefrontAdapter,
  GOOGLE_MERCHANT: googleAdapter,
  MARKETPLACE: marketplaceAdapter,
  META_CATALOG: metaAdapter,
} as const;

const _everyChannel: Record<ChannelKind, unknown> = adapters;

export function adapterFor(
  kind: ChannelKind,
): ChannelAdapter<DesiredState, Observation> {
  return adapters[kind] as unknown as ChannelAdapter<DesiredState, Observation>;
}

/** The feed a channel serves at /feeds/{slug}/…, found by its slug (null: no such feed). */
export function feedBySlug(
  slug: string,
): { kind: ChannelKind; feed: FeedServing } | null {
  for (const adapter of Object.values(adapters) as ChannelAdapter[])
    if (adapter.feed?.slug === slug)
      return { kind: adapter.kind, feed: adapter.feed };
  return null;
}

/** The kinds that serve a feed, with its slug and extension (for URLs on the Channels page). */
export function feedOf(kind: ChannelKind): FeedServing | null {
  return (adapters[kind] as ChannelAdapter).feed ?? null;
}
