// Turns one outbox event into per product × channel work: opens the hops (bumping each state's desired
// revision) and enqueues the channel jobs. Job ids derive from the event and the revision, so running the same
// event twice enqueues nothing new.
import { z } from "zod";
import db from "~/db.server";
import { enqueue } from "~/jobs/enqueue.server";
import { NotFound } from "~/lib/errors";
import { enabledChannels, shopChannels } from "./channels/channels.db.server";
import type { ChannelKind } from "./channels/profiles";
import { autoLinkByFilename, usedBy } from "./links.db.server";
import { openHops, type HopTarget, type OpenedHop } from "./state.db.server";

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

const assetPayload = z.object({ assetId: z.string().min(1) });
const productPayload = z.object({ productId: z.string().min(1) });

async function enqueueChannelJobs(
  shop: string,
  hops: OpenedHop[],
  storefrontProducts: boolean,
): Promise<void> {
  for (const hop of hops) {
    const suffix = `${hop.productId}-r${hop.revision}`;
    if (hop.channel === "GOOGLE_MERCHANT")
      await enqueue(
        "sync.google",
        { shop, productId: hop.productId, revision: hop.revision },
        { jobId: `google-${suffix}` },
      );
    else if (hop.channel === "MARKETPLACE")
      await enqueue(
        "sync.marketplace",
        { shop, productId: hop.productId, revision: hop.revision },
        { jobId: `market-${suffix}` },
      );
    else if (storefrontProducts)
      await enqueue(
        "sync.storefront-product",
        { shop, productId: hop.productId, revision: hop.revision },
        { jobId: `sfp-${suffix}` },
      );
  }
}

async function productTargets(
  shop: string,
  productIds: string[],
  channels: ChannelKind[],
  extra: Partial<HopTarget> = {},
): Promise<HopTarget[]> {
  const products = await db.product.findMany({
    where: { shop, id: { in: productIds } },
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

export async function dispatchOutboxEvent(
  shop: string,
  outboxId: string,
): Promise<{ topic: string; hops: number }> {
  const event = await db.outbox.findFirst({ where: { id: outboxId, shop } });
  if (!event) throw new NotFound(`outbox event ${outboxId} not found`);
  const channels = await enabledChannels(shop);
  let hops: OpenedHop[] = [];
  switch (event.topic) {
    case "asset.version-approved": {
      const { assetId } = assetPayload.parse(event.payload);
      const { storefront } = await shopChannels(shop);
      await autoLinkByFilename(shop, assetId, storefront.filenamePattern);
      const used = await usedBy(shop, assetId);
      const asset = await db.asset.findFirst({
        where: { shop, id: assetId },
        select: { currentVersionId: true },
      });
      const targets = used.products.flatMap((p) =>
        channels.map((channel) => ({
          productId: p.id,
          channel,
          variants: p.variants.length,
          assetId,
          versionId: asset?.currentVersionId ?? null,
        })),
      );
      hops = await openHops(shop, event.id, event.createdAt, targets);
      // One file replacement serves every product on the storefront; the other channels go per product.
      if (hops.some((h) => h.channel === "SHOPIFY_STOREFRONT"))
        await enqueue(
          "sync.storefront-asset",
          { shop, assetId },
          { jobId: `sfa-${event.id}` },
        );
      await enqueueChannelJobs(shop, hops, false);
      break;
    }
    case "asset.archived": {
      // An archived asset leaves every product that showed it.
      const { assetId } = assetPayload.parse(event.payload);
      const used = await usedBy(shop, assetId);
      const targets = await productTargets(
        shop,
        used.products.map((p) => p.id),
        channels,
        { assetId },
      );
      hops = await openHops(shop, event.id, event.createdAt, targets);
      await enqueueChannelJobs(shop, hops, true);
      break;
    }
    case "asset-link.changed": {
      const { productId } = productPayload.parse(event.payload);
      const targets = await productTargets(shop, [productId], channels);
      hops = await openHops(shop, event.id, event.createdAt, targets);
      await enqueueChannelJobs(shop, hops, true);
      break;
    }
    case "product.values-approved": {
      const { productId, version } = productPayload
        .extend({ version: z.number().int().min(0) })
        .parse(event.payload);
      // Metafields on the storefront (the PIM's publish job; the same id as the PIM's direct dispatch).
      await enqueue(
        "product-values.publish",
        { shop, productId, version },
        { jobId: event.id },
      );
      const targets = await productTargets(
        shop,
        [productId],
        channels.filter((c) => c !== "SHOPIFY_STOREFRONT"),
      );
      hops = await openHops(shop, event.id, event.createdAt, targets);
      await enqueueChannelJobs(shop, hops, false);
      break;
    }
    default:
      // Topics other areas consume; nothing for the channels to do.
      break;
  }
  return { topic: event.topic, hops: hops.length };
}
