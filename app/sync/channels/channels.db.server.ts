// A shop's channels and their settings. The storefront always exists and cannot be turned off; Google's feed
// is on by default (it costs nothing until Google fetches it); the marketplace needs an endpoint and a secret.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import db, { Prisma } from "~/db.server";
import { Invalid } from "~/lib/errors";
import { DEFAULT_FILENAME_PATTERN } from "../links.db.server";
import {
  validateOutboundUrl,
  type OutboundPolicy,
} from "~/lib/outbound.server";
import type { MarketplaceEndpoint } from "./marketplace.server";
import type { ChannelKind } from "../channel-kinds";

export const storefrontConfig = z.object({
  filenamePattern: z.string().default(DEFAULT_FILENAME_PATTERN),
  /** Set once the variant gallery metafield definition exists in the shop. */
  galleryDefinition: z.boolean().default(false),
});
export const googleConfig = z.object({ feedToken: z.string().min(16) });
export const marketplaceConfig = z.object({
  url: z.url(),
  keyId: z.string().trim().min(1),
  secret: z.string().min(16, "use a secret of at least 16 characters"),
});

export interface ShopChannels {
  storefront: z.infer<typeof storefrontConfig>;
  google: { enabled: boolean; config: z.infer<typeof googleConfig> };
  marketplace: { enabled: boolean; endpoint: MarketplaceEndpoint | null };
}

/** Creates the default channels of a shop (idempotent). The shop row must exist. */
export async function ensureChannels(shop: string): Promise<void> {
  const existing = await db.channel.findMany({
    where: { shop },
    select: { kind: true },
  });
  const has = new Set(existing.map((c) => c.kind));
  const defaults: {
    kind: ChannelKind;
    enabled: boolean;
    config: Prisma.InputJsonObject;
  }[] = [
    {
      kind: "SHOPIFY_STOREFRONT",
      enabled: true,
      config: storefrontConfig.parse({}),
    },
    {
      kind: "GOOGLE_MERCHANT",
      enabled: true,
      config: { feedToken: randomBytes(24).toString("base64url") },
    },
    { kind: "MARKETPLACE", enabled: false, config: {} },
  ];
  for (const channel of defaults) {
    if (has.has(channel.kind)) continue;
    await db.channel
      .create({ data: { shop, ...channel } })
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

export async function shopChannels(shop: string): Promise<ShopChannels> {
  await ensureChannels(shop);
  const rows = await db.channel.findMany({ where: { shop } });
  const row = (kind: ChannelKind) => rows.find((r) => r.kind === kind)!;
  const market = marketplaceConfig.safeParse(row("MARKETPLACE").config);
  return {
    storefront: storefrontConfig.parse(row("SHOPIFY_STOREFRONT").config),
    google: {
      enabled: row("GOOGLE_MERCHANT").enabled,
      config: googleConfig.parse(row("GOOGLE_MERCHANT").config),
    },
    marketplace: {
      enabled: row("MARKETPLACE").enabled && market.success,
      endpoint: market.success ? market.data : null,
    },
  };
}

export async function enabledChannels(shop: string): Promise<ChannelKind[]> {
  const channels = await shopChannels(shop);
  const kinds: ChannelKind[] = ["SHOPIFY_STOREFRONT"];
  if (channels.google.enabled) kinds.push("GOOGLE_MERCHANT");
  if (channels.marketplace.enabled) kinds.push("MARKETPLACE");
  return kinds;
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
  if (kind === "SHOPIFY_STOREFRONT" && !enabled)
    throw new Invalid("The Shopify storefront channel cannot be turned off.");
  await ensureChannels(shop);
  if (kind === "MARKETPLACE" && enabled) {
    const row = await db.channel.findUniqueOrThrow({
      where: { shop_kind: { shop, kind } },
    });
    if (!marketplaceConfig.safeParse(row.config).success)
      throw new Invalid("Set the marketplace endpoint and secret first.");
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

/** Replaces the Google feed token: the old feed URL stops working at once. */
export async function rotateFeedToken(shop: string): Promise<void> {
  await ensureChannels(shop);
  await db.channel.update({
    where: { shop_kind: { shop, kind: "GOOGLE_MERCHANT" } },
    data: { config: { feedToken: randomBytes(24).toString("base64url") } },
  });
}
