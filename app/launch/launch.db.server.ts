// Launch rows: the launch, its products (with the embargo gate flag) and each product × channel's state. Every
// query filters by shop; a launch of another shop is NotFound.
import { channelKinds, type ChannelKind } from "~/channels/kinds";
import db, { type Prisma } from "~/db.server";
import { NotFound } from "~/lib/errors";
import {
  launchMarketsColumn,
  launchSelectionColumn,
  type ChannelProgress,
  type LaunchChannelState,
  type LaunchSelection,
  type LaunchStatus,
} from "./launch.schema";

export type { ChannelProgress };

const launchSelect = {
  id: true,
  name: true,
  status: true,
  selection: true,
  markets: true,
  goLiveAt: true,
  createdAt: true,
  createdBy: true,
  stagedAt: true,
  goLiveStartedAt: true,
  allLiveAt: true,
  rolledBackAt: true,
  error: true,
  previewWanted: true,
  _count: { select: { products: true } },
} as const;

type LaunchRow = Prisma.LaunchGetPayload<{ select: typeof launchSelect }>;

export function launchOf(row: LaunchRow) {
  return {
    id: row.id,
    name: row.name,
    status: row.status as LaunchStatus,
    selection: launchSelectionColumn(row.selection),
    markets: launchMarketsColumn(row.markets),
    goLiveAt: row.goLiveAt,
    productCount: row._count.products,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    stagedAt: row.stagedAt,
    goLiveStartedAt: row.goLiveStartedAt,
    allLiveAt: row.allLiveAt,
    rolledBackAt: row.rolledBackAt,
    error: row.error,
    previewWanted: row.previewWanted,
  };
}
export type LaunchRecord = ReturnType<typeof launchOf>;

/** Creates the launch with its products, each channel WAITING (EXCLUDED when the shop has it off). */
export async function insertLaunch(
  shop: string,
  data: {
    name: string;
    selection: LaunchSelection;
    markets: string[];
    goLiveAt: Date | null;
    createdBy: string | null;
  },
  productIds: readonly string[],
  enabled: readonly ChannelKind[],
): Promise<string> {
  return db.$transaction(
    async (tx) => {
      const launch = await tx.launch.create({
        data: {
          shop,
          name: data.name,
          selection: data.selection,
          markets: data.markets,
          goLiveAt: data.goLiveAt,
          createdBy: data.createdBy,
        },
        select: { id: true },
      });
      for (const productId of productIds)
        await tx.launchProduct.create({
          data: {
            shop,
            launchId: launch.id,
            productId,
            channels: {
              create: channelKinds.map((channel) => ({
                shop,
                launchId: launch.id,
                channel,
                state: enabled.includes(channel) ? "WAITING" : "EXCLUDED",
              })),
            },
          },
        });
      // A product already ACTIVE is live already: the launch never hides it (no embargo).
      await tx.launchProduct.updateMany({
        where: { shop, launchId: launch.id, product: { status: "ACTIVE" } },
        data: { embargoed: false },
      });
      return launch.id;
    },
    { timeout: 60_000 },
  );
}

export async function findLaunch(
  shop: string,
  launchId: string,
): Promise<LaunchRecord> {
  const row = await db.launch.findFirst({
    where: { shop, id: launchId },
    select: launchSelect,
  });
  if (!row) throw new NotFound(`launch ${launchId} not found`);
  return launchOf(row);
}

export async function findLaunches(shop: string): Promise<LaunchRecord[]> {
  const rows = await db.launch.findMany({
    where: { shop },
    orderBy: { createdAt: "desc" },
    select: launchSelect,
    take: 200,
  });
  return rows.map(launchOf);
}

/**
 * Moves the launch to `status` (with `data`) only from one of `from`: the transitions of concurrent requests and
 * jobs cannot cross. Returns whether it moved.
 */
export async function moveLaunch(
  shop: string,
  launchId: string,
  from: readonly LaunchStatus[],
  status: LaunchStatus,
  data: Omit<Prisma.LaunchUpdateManyMutationInput, "status"> = {},
): Promise<boolean> {
  const { count } = await db.launch.updateMany({
    where: { shop, id: launchId, status: { in: [...from] } },
    data: { ...data, status },
  });
  return count > 0;
}

export async function updateLaunch(
  shop: string,
  launchId: string,
  data: Prisma.LaunchUpdateManyMutationInput,
): Promise<void> {
  await db.launch.updateMany({ where: { shop, id: launchId }, data });
}

export async function deleteLaunchRow(
  shop: string,
  launchId: string,
  from: readonly LaunchStatus[],
): Promise<boolean> {
  const { count } = await db.launch.deleteMany({
    where: { shop, id: launchId, status: { in: [...from] } },
  });
  return count > 0;
}

/** Per launch, per channel: counts by state and the go-live → all-live time, observed. */
export async function channelProgress(
  shop: string,
  launches: readonly Pick<LaunchRecord, "id" | "goLiveStartedAt">[],
  now = new Date(),
): Promise<Map<string, ChannelProgress[]>> {
  const groups = await db.launchChannel.groupBy({
    by: ["launchId", "channel", "state"],
    where: { shop, launchId: { in: launches.map((l) => l.id) } },
    _count: { _all: true },
    _max: { liveAt: true },
  });
  const out = new Map<string, ChannelProgress[]>();
  for (const launch of launches) {
    const progress = channelKinds.map((channel) => {
      const mine = groups.filter(
        (g) => g.launchId === launch.id && g.channel === channel,
      );
      const count = (state: LaunchChannelState) =>
        mine.find((g) => g.state === state)?._count._all ?? 0;
      const total = mine
        .filter((g) => g.state !== "EXCLUDED")
        .reduce((sum, g) => sum + g._count._all, 0);
      const live = count("LIVE");
      const lastLive = mine.find((g) => g.state === "LIVE")?._max.liveAt;
      const start = launch.goLiveStartedAt;
      const allLive = total > 0 && live === total && lastLive;
      return {
        channel,
        total,
        staged: count("STAGED"),
        live,
        failed: count("FAILED"),
        rolledBack: count("ROLLED_BACK"),
        elapsedMs: start
          ? (allLive ? lastLive : now).getTime() - start.getTime()
          : null,
        goLiveToAllLiveMs:
          start && allLive ? lastLive.getTime() - start.getTime() : null,
      };
    });
    out.set(launch.id, progress);
  }
  return out;
}

/** Our product ids matching a selection read from the mirror (a collection is resolved from Shopify first). */
export async function mirrorSelection(
  shop: string,
  selection: Exclude<LaunchSelection, { kind: "collection" }>,
): Promise<string[]> {
  if (selection.kind === "family") {
    const family = await db.family.findFirst({
      where: { shop, id: selection.familyId },
      select: { id: true },
    });
    if (!family) throw new NotFound(`family ${selection.familyId} not found`);
    const rows = await db.product.findMany({
      where: { shop, familyId: family.id },
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }
  if (selection.kind === "products")
    return productIdsOf(shop, selection.productIds);
  // Tags are a JSON array column (SQLite and PostgreSQL alike): matched here, case-insensitively as Shopify does.
  const wanted = selection.tag.toLowerCase();
  const rows = await db.product.findMany({
    where: { shop },
    select: { id: true, tags: true },
  });
  return rows
    .filter(
      (r) =>
        Array.isArray(r.tags) &&
        r.tags.some((t) => typeof t === "string" && t.toLowerCase() === wanted),
    )
    .map((r) => r.id);
}

/** Our ids of the mirrored products with these Shopify GIDs (unknown ones are left out). */
export async function productIdsOf(
  shop: string,
  shopifyIds: readonly string[],
): Promise<string[]> {
  const rows = await db.product.findMany({
    where: { shop, shopifyId: { in: [...shopifyIds] } },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}
