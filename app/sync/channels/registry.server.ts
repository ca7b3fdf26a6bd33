// The channel adapters, by kind. Dispatch, the generic run, the reconciler and the UI read channels from here
// and from channel-kinds.ts; nothing else branches per channel.
import type { ChannelKind } from "../channel-kinds";
import { storefrontAdapter } from "../storefront/adapter.server";
import type { ChannelAdapter, DesiredState, Observation } from "./adapter";
import { googleAdapter } from "./google.server";
import { marketplaceAdapter } from "./marketplace-adapter.server";

const adapters = {
  SHOPIFY_STOREFRONT: storefrontAdapter,
  GOOGLE_MERCHANT: googleAdapter,
  MARKETPLACE: marketplaceAdapter,
} as const;

const _everyChannel: Record<ChannelKind, unknown> = adapters;

export function adapterFor(
  kind: ChannelKind,
): ChannelAdapter<DesiredState, Observation> {
  return adapters[kind] as unknown as ChannelAdapter<DesiredState, Observation>;
}
