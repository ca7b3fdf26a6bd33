// A shop's channels and their settings, created from channels/kinds.ts (which are optional, which start on, what
// settings each takes): the storefront's file naming, a feed's token (Google, Meta), the marketplace's endpoint.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import db, { Prisma } from "~/db.server";
import { Invalid } from "~/lib/errors";
import { DEFAULT_FILENAME_PATTERN } from "../links.db.server";
import {
  validateOutboundUrl,
  type OutboundPolicy,
} from "~/lib/outbound.server";
import type { MarketplaceEndpoint } from "./marketplace.server";
import { CHANNELS, channelKinds, type ChannelKind } from "~/channels/kinds";

export const storefrontConfig = z.object({
  filenamePattern: z.string().default(DEFAULT_FILENAME_PATTERN),
  /** Set once the variant gallery metafield definition exists in the shop. */
  galleryDefinition: z.boolean().default(false),
});
/** A feed channel's (Google, Meta): its token, and the one it replaced while its grace period runs. */
export const feedConfig = z.object({
  feedToken: z.string().min(16),
  previousToken: z.string().min(16).optional(),
  /** ISO time until which `previousToken` still opens the feed. */
  previousUntil: z.string().optional(),
});
export const marketplaceConfig = z.object({
  url: z.url(),
  keyId: z.string().trim().min(1),
  secret: z.string().min(16, "use a secret of at least 16 characters"),
});

/** A rotated feed token keeps working this long, so the merchant can update Google's or Meta's settings. */
export const FEED_TOKEN_GRACE_MS = 7 * 24 * 3600_000;

export type FeedConfig = z.infer<typeof feedConfig>;

export interface ShopChannels {
  storefront: z.infer<typeof storefrontConfig>;
  google: { enabled: boolean; config: FeedConfig };
  meta: { enabled: boolean; config: FeedConfig };
  marketplace: { enabled: boolean; endpoint: MarketplaceEndpoint | null };
}

const newToken = () => randomBytes(24).toString("base64url");

/** A channel's settings by the kind of settings it takes (kinds.ts `settings`). */
const SETTINGS = {
  storefront: {
    schema: storefrontConfig,
    initial: () => storefrontConfig.parse({}),
  },
  feed: { schema: feedConfig, initial: () => ({ feedToken: newToken() }) },
  endpoint: { schema: marketplaceConfig, initial: () => ({}) },
} as const;

const settingsOf = (kind: ChannelKind) => SETTINGS[CHANNELS[kind].settings];

/** Creates the default channels of a shop (idempotent). The shop row must exist. */
export async function ensureChannels(shop: string): Promise<void> {
  const existing = await db.channel.findMany({
    where: { shop },
    select: { kind: true },
  });
  const has = new Set(existing.map((c) => c.kind));
  for (const kind of channelKinds) {
    if (has.has(kind)) continue;
    await db.channel
      .create({
        data: {
          shop,
          kind,
          enabled: CHANNELS[kind].enabledByDefault,
          config: settingsOf(kind).initial() as Prisma.InputJsonObject,
        },
      })
      .catch((error: unknown) => {
        // A concurrent ensureChannels created it first.
        if (
          !(error instanceof Prisma.PrismaClientKnownRequestError) ||
          error.code !== "P2002"
        )
          throw error;
      });
  }
}

async function channelRows(shop: string) {
  await ensureChannels(shop);
  const rows = await db.channel.findMany({ where: { shop } });
  return (kind: ChannelKind) => rows.find((r) => r.kind === kind)!;
}

export async function shopChannels(shop: string): Promise<ShopChannels> {
  const row = await channelRows(shop);
  const market = marketplaceConfig.safeParse(row("MARKETPLACE").config);
  const feed = (kind: ChannelKind) => ({
    enabled: row(kind).enabled,
    config: feedConfig.parse(row(kind).config),
  });
  return {
    storefront: storefrontConfig.parse(row("SHOPIFY_STOREFRONT").config),
    google: feed("GOOGLE_MERCHANT"),
    meta: feed("META_CATALOG"),
    marketplace: {
      enabled: row("MARKETPLACE").enabled && market.success,
      endpoint: market.success ? market.data : null,
    },
  };
}

/** The channels a change goes to: switched on, with valid settings. */
export async function enabledChannels(shop: string): Promise<ChannelKind[]> {
  const row = await channelRows(shop);
  return channelKinds.filter(
    (kind) =>
      row(kind).enabled &&
      settingsOf(kind).schema.safeParse(row(kind).config).success,
  );
}

/** A feed channel's settings (its token and the previous one's grace period). */
export async function feedSettings(
  shop: string,
  kind: ChannelKind,
): Promise<{ enabled: boolean; config: FeedConfig }> {
  const row = (await channelRows(shop))(kind);
  return { enabled: row.enabled, config: feedConfig.parse(row.config) };
}

const sameToken = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** Whether `token` opens the shop's feed of `kind` now: the current token, or the previous one within its grace. */
export async function feedTokenValid(
  shop: string,
  kind: ChannelKind,
  token: string,
  now = new Date(),
): Promise<boolean> {
  const { enabled, config } = await feedSettings(shop, kind);
  if (!enabled) return false;
  if (sameToken(token, config.feedToken)) return true;
  return Boolean(
    config.previousToken &&
    config.previousUntil &&
    now < new Date(config.previousUntil) &&
    sameToken(token, config.previousToken),
  );
}

/**
 * Saves the marketplace endpoint and turns the channel on. Throws `Invalid` for bad settings, including an
 * endpoint outside the public internet (checked again on every call).
 */
export async function configureMarketplace(
  shop: string,
  raw: unknown,
  policy: OutboundPolicy = {},
): Promise<void> {
  const parsed = marketplaceConfig.safeParse(raw);
  if (!parsed.success)
    throw new Invalid(
      "The marketplace settings are not valid.",
      z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
    );
  await validateOutboundUrl(parsed.data.url, policy);
  await ensureChannels(shop);
  await db.channel.update({
    where: { shop_kind: { shop, kind: "MARKETPLACE" } },
    data: { enabled: true, config: parsed.data },
  });
}

export async function setChannelEnabled(
  shop: string,
  kind: ChannelKind,
  enabled: boolean,
): Promise<void> {
  if (!CHANNELS[kind].optional && !enabled)
    throw new Invalid("This channel is always on: it cannot be turned off.");
  if (enabled) {
    const row = (await channelRows(shop))(kind);
    if (!settingsOf(kind).schema.safeParse(row.config).success)
      throw new Invalid("Set the channel's endpoint and secret first.");
  }
  await db.channel.update({
    where: { shop_kind: { shop, kind } },
    data: { enabled },
  });
}

export async function updateStorefrontConfig(
  shop: string,
  patch: Partial<z.infer<typeof storefrontConfig>>,
): Promise<void> {
  const channels = await shopChannels(shop);
  await db.channel.update({
    where: { shop_kind: { shop, kind: "SHOPIFY_STOREFRONT" } },
    data: { config: { ...channels.storefront, ...patch } },
  });
}

/**
 * Replaces a feed channel's token. The old feed URL keeps working for `FEED_TOKEN_GRACE_MS` (the merchant
 * updates the URL in Merchant Center or Commerce Manager meanwhile); the one before it stops at once.
 */
export async function rotateFeedToken(
  shop: string,
  kind: ChannelKind,
  now = new Date(),
): Promise<FeedConfig> {
  if (CHANNELS[kind].settings !== "feed")
    throw new Invalid(`${kind} has no feed token.`);
  const { config } = await feedSettings(shop, kind);
  const next: FeedConfig = {
    feedToken: newToken(),
    previousToken: config.feedToken,
    previousUntil: new Date(now.getTime() + FEED_TOKEN_GRACE_MS).toISOString(),
  };
  await db.channel.update({
    where: { shop_kind: { shop, kind } },
    data: { config: next },
  });
  return next;
}
