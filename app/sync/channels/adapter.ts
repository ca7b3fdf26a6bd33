// What a channel must provide to the sync engine. One generic run (sync/converge.server.ts) drives every channel
// the same way: compute the desired state from the approved data, read the channel back, push the difference,
// read back again, and only then call the product live. Adding a channel is one adapter module + its tests.
import type { AdminClient } from "~/shopify/admin-client.server";
import type { ChannelKind } from "~/channels/kinds";

export interface RunContext {
  shop: string;
  productId: string;
  channel: ChannelKind;
  /** The desired revision this run converges to. */
  revision: number;
  /** The shop's Admin API client, made once per run. */
  client(): Promise<AdminClient>;
}

/** The state the approved data asks the channel to show, for one product. */
export interface DesiredState {
  /** sha256 of the canonical desired content (what would have to change on the channel). */
  digest: string;
  /** Pre-flight (or another rule) keeps this channel from showing the change: the reason, for the merchant. */
  blocked: string | null;
  /** Asset versions the product shows on this channel (a hop for another version of one of them is superseded). */
  versionIds: ReadonlySet<string>;
  /** Variants concerned (for hops opened by a repair). */
  variants: number;
}

export interface DriftItem {
  kind: string;
  /** What drifted, for the merchant: owner, key, our value and theirs. */
  detail: Record<string, string | null>;
}

/** What the channel was read back to show, compared with the desired state. */
export interface Observation {
  /** sha256 of what was read (stable when nothing changed on the channel). */
  digest: string;
  /** Empty when the channel shows the desired state; otherwise what differs, in words (logs, reasons). */
  differences: string[];
  /** Whether shoppers see the product on this channel, and why not. */
  listed: boolean;
  reason: string | null;
  /** Changes made on the channel to data the PIM owns: not overwritten, shown to the merchant. */
  drift: DriftItem[];
  /** Shopify's product updatedAt seen by this read (storefront only). */
  observedUpdatedAt?: Date | null;
}

/** A channel that fetches a feed from us: served at /feeds/{slug}/{shop}.{extension}?token=… */
export interface FeedServing {
  slug: string;
  extension: string;
  contentType: string;
  /** The whole feed as the channel reads it now. */
  render(shop: string): Promise<string>;
}

/** What an apply changed on the channel, in the adapter's own words (e.g. the storefront's `"files"`). */
export interface Applied {
  touched: readonly string[];
}

export interface AppliedSince<O extends Observation> extends Applied {
  /** The observation the apply worked from. */
  observed: O;
}

export interface ChannelAdapter<
  D extends DesiredState = DesiredState,
  O extends Observation = Observation,
> {
  kind: ChannelKind;
  /** Whether the shop has this channel switched on. */
  enabled(shop: string): Promise<boolean>;
  desired(ctx: RunContext): Promise<D>;
  /**
   * Reads the channel back. `since`: the read-back after an apply that said it touched only some parts of what
   * the channel shows — the adapter may read those again and keep the rest of `since.observed`, read earlier in
   * the same run (nothing of ours changed them since).
   */
  observe(ctx: RunContext, desired: D, since?: AppliedSince<O>): Promise<O>;
  /**
   * Pushes what `observed` lacks. Idempotent: safe to repeat after a crash or a lost answer. May say which parts
   * it touched (default: everything), so the read-back reads only those.
   */
  apply(ctx: RunContext, desired: D, observed: O): Promise<Applied | void>;
  /**
   * After an apply, how long the channel may take to show it (Shopify processes media asynchronously): the run
   * reads back until then before giving the job back to the queue to retry.
   */
  settleMs: number;
  /** Feed channels: how their feed is served. */
  feed?: FeedServing;
}
