// Drift: what someone changed on a channel in data the PIM owns (an app metafield edited or deleted in the
// Shopify admin). Recorded once per owner × key while it lasts; the merchant accepts it (the PIM takes Shopify's
// value) or reverts it (Vitrine writes the approved value again).
import db, { type Prisma } from "~/db.server";
import { NotFound } from "~/lib/errors";
import type { ChannelKind } from "~/channels/kinds";
import type { DriftItem } from "./channels/adapter";

const keyOf = (detail: unknown) => {
  const d = detail as Record<string, string | null>;
  return `${d.owner ?? ""}|${d.key ?? ""}`;
};

/** Records the drift items a read found and closes the ones no longer seen. Idempotent. */
export async function recordDrift(
  shop: string,
  productId: string,
  channel: ChannelKind,
  items: readonly DriftItem[],
): Promise<void> {
  const open = await db.syncDrift.findMany({
    where: { shop, productId, channel, resolvedAt: null },
  });
  const seen = new Set(items.map((i) => `${i.kind}:${keyOf(i.detail)}`));
  const known = new Set(open.map((o) => `${o.kind}:${keyOf(o.detail)}`));
  await db.$transaction([
    ...items
      .filter((i) => !known.has(`${i.kind}:${keyOf(i.detail)}`))
      .map((i) =>
        db.syncDrift.create({
          data: {
            shop,
            productId,
            channel,
            kind: i.kind,
            detail: i.detail as Prisma.InputJsonObject,
          },
        }),
      ),
    db.syncDrift.updateMany({
      where: {
        id: {
          in: open
            .filter((o) => !seen.has(`${o.kind}:${keyOf(o.detail)}`))
            .map((o) => o.id),
        },
      },
      data: { resolvedAt: new Date(), resolution: "gone" },
    }),
  ]);
}

export interface DriftRow {
  id: string;
  channel: ChannelKind;
  kind: string;
  owner: string | null;
  key: string | null;
  ours: string | null;
  theirs: string | null;
  detectedAt: string;
}

/** The product's unresolved drift, oldest first. */
export async function openDrift(
  shop: string,
  productId: string,
): Promise<DriftRow[]> {
  const rows = await db.syncDrift.findMany({
    where: { shop, productId, resolvedAt: null },
    orderBy: { detectedAt: "asc" },
  });
  return rows.map((r) => {
    const d = r.detail as Record<string, string | null>;
    return {
      id: r.id,
      channel: r.channel,
      kind: r.kind,
      owner: d.owner ?? null,
      key: d.key ?? null,
      ours: d.ours ?? null,
      theirs: d.theirs ?? null,
      detectedAt: r.detectedAt.toISOString(),
    };
  });
}

/** Marks one drift item resolved; NotFound for another shop's. Returns its detail. */
export async function closeDrift(
  shop: string,
  driftId: string,
  resolution: "accepted" | "reverted",
): Promise<DriftRow & { productId: string }> {
  const row = await db.syncDrift.findFirst({
    where: { shop, id: driftId, resolvedAt: null },
  });
  if (!row) throw new NotFound("This change was already resolved.");
  await db.syncDrift.update({
    where: { id: row.id },
    data: { resolvedAt: new Date(), resolution },
  });
  const d = row.detail as Record<string, string | null>;
  return {
    id: row.id,
    productId: row.productId,
    channel: row.channel,
    kind: row.kind,
    owner: d.owner ?? null,
    key: d.key ?? null,
    ours: d.ours ?? null,
    theirs: d.theirs ?? null,
    detectedAt: row.detectedAt.toISOString(),
  };
}
