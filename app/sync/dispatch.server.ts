// Turns one outbox event into per product × channel work. In one transaction: claims the event (marks it
// dispatched), links an approved image by its file name, opens the hops and bumps each pair's desired revision.
// Then queues one coalesced job per pair. A redelivered event finds itself dispatched and opens nothing; pairs
// whose jobs were lost (Redis restarted empty) are queued again by the recovery sweep from the database.
import { z } from "zod";
import db, { type Prisma } from "~/db.server";
import { NotFound } from "~/lib/errors";
import type { ChannelKind } from "~/channels/kinds";
import { enabledChannels, shopChannels } from "./channels/channels.db.server";
import { usedBy } from "./asset-links.db.server";
import { autoLinkWithin } from "./links.db.server";
import { enqueuePairs } from "./pair-jobs.server";
import {
  openChanges,
  type ChangeTarget,
  type HopKind,
  type PairRef,
} from "./pair-state.db.server";

type Tx = Prisma.TransactionClient;

export interface ReplacementImpact {
  products: number;
  variants: number;
  channels: ChannelKind[];
}

/** "37 variants on 3 channels": what approving a new version of this asset will change. */
export async function replacementImpact(
  shop: string,
  assetId: string,
): Promise<ReplacementImpact> {
  const used = await usedBy(shop, assetId);
  return {
    products: used.products.length,
    variants: used.variantCount,
    channels: used.products.length > 0 ? await enabledChannels(shop) : [],
  };
}

const assetPayload = z.object({
  assetId: z.string().min(1),
  versionId: z.string().min(1).optional(),
  previousVersionId: z.string().nullish(),
});
const productPayload = z.object({ productId: z.string().min(1) });
const licencePayload = z.object({
  assetId: z.string().min(1),
  boundary: z.enum(["expired", "started"]),
});

async function productTargets(
  tx: Tx,
  shop: string,
  productIds: readonly string[],
  channels: readonly ChannelKind[],
  extra: Pick<ChangeTarget, "kind"> & Partial<ChangeTarget>,
): Promise<ChangeTarget[]> {
  const products = await tx.product.findMany({
    where: { shop, id: { in: [...productIds] } },
    select: { id: true, _count: { select: { variants: true } } },
  });
  return products.flatMap((p) =>
    channels.map((channel) => ({
      productId: p.id,
      channel,
      variants: p._count.variants,
      ...extra,
    })),
  );
}

async function linkedProducts(
  tx: Tx,
  shop: string,
  assetId: string,
): Promise<string[]> {
  const links = await tx.assetLink.findMany({
    where: { shop, assetId },
    select: { productId: true },
    distinct: ["productId"],
  });
  return links.map((l) => l.productId);
}

async function targetsOf(
  tx: Tx,
  shop: string,
  event: { topic: string; payload: unknown },
  channels: readonly ChannelKind[],
  filenamePattern: string,
): Promise<ChangeTarget[]> {
  switch (event.topic) {
    case "asset.version-approved": {
      const { assetId, versionId, previousVersionId } = assetPayload.parse(
        event.payload,
      );
      // A first approval may link the image by its file name ({SKU}_{role}_{n}); no new event is announced, the
      // links are part of this change.
      await autoLinkWithin(tx, shop, assetId, filenamePattern);
      const kind: HopKind = previousVersionId ? "REPLACEMENT" : "PUBLISH";
      const asset = await tx.asset.findFirst({
        where: { shop, id: assetId },
        select: { currentVersionId: true },
      });
      return productTargets(
        tx,
        shop,
        await linkedProducts(tx, shop, assetId),
        channels,
        {
          kind,
          assetId,
          versionId: versionId ?? asset?.currentVersionId ?? null,
        },
      );
    }
    case "asset.archived": {
      const { assetId } = assetPayload.parse(event.payload);
      return productTargets(
        tx,
        shop,
        await linkedProducts(tx, shop, assetId),
        channels,
        { kind: "WITHDRAWAL", assetId },
      );
    }
    case "asset.licence-changed": {
      // Its licence window closed (withdrawn: the next approved image for the role takes its place) or opened.
      const { assetId, boundary } = licencePayload.parse(event.payload);
      return productTargets(
        tx,
        shop,
        await linkedProducts(tx, shop, assetId),
        channels,
        { kind: boundary === "expired" ? "WITHDRAWAL" : "PUBLISH", assetId },
      );
    }
    case "asset.details-changed": {
      // Alt text is shown by the storefront only (feeds and the marketplace carry no alt text).
      const { assetId } = assetPayload.parse(event.payload);
      return productTargets(
        tx,
        shop,
        await linkedProducts(tx, shop, assetId),
        channels.filter((c) => c === "SHOPIFY_STOREFRONT"),
        { kind: "VALUES" },
      );
    }
    case "asset-link.changed": {
      const { productId } = productPayload.parse(event.payload);
      return productTargets(tx, shop, [productId], channels, {
        kind: "PUBLISH",
      });
    }
    case "product.values-approved": {
      const { productId } = productPayload.parse(event.payload);
      return productTargets(tx, shop, [productId], channels, {
        kind: "VALUES",
      });
    }
    default:
      // Topics other areas consume; nothing for the channels to do.
      return [];
  }
}

/**
 * Dispatches one outbox event (idempotent: a dispatched event opens nothing again). Returns the pairs it made
 * dirty; their jobs are queued before returning (or left to the recovery sweep when Redis is away).
 */
export async function dispatchOutboxEvent(
  shop: string,
  outboxId: string,
): Promise<{ topic: string; pairs: number }> {
  const event = await db.outbox.findFirst({ where: { id: outboxId, shop } });
  if (!event) throw new NotFound(`outbox event ${outboxId} not found`);
  if (event.dispatchedAt) return { topic: event.topic, pairs: 0 };
  const channels = await enabledChannels(shop);
  const { storefront } = await shopChannels(shop);
  const pairs: PairRef[] = await db.$transaction(
    async (tx) => {
      const claimed = await tx.outbox.updateMany({
        where: { id: event.id, shop, dispatchedAt: null },
        data: { dispatchedAt: new Date() },
      });
      if (claimed.count === 0) return [];
      const targets = await targetsOf(
        tx,
        shop,
        event,
        channels,
        storefront.filenamePattern,
      );
      return openChanges(tx, shop, event.id, event.createdAt, targets);
    },
    { timeout: 60_000 },
  );
  await enqueuePairs(pairs);
  return { topic: event.topic, pairs: pairs.length };
}
