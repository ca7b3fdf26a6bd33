import db from "~/db.server";

/**
 * The oldest undispatched outbox row's creation time and how many rows wait, across every shop: an operational
 * number for /metrics (the relay serves all shops), so deliberately not scoped to one. Uses the
 * (dispatchedAt, createdAt) index.
 */
export async function outboxBacklog(): Promise<{
  oldest: Date | null;
  pending: number;
}> {
  const [oldest, pending] = await Promise.all([
    db.outbox.findFirst({
      where: { dispatchedAt: null },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    }),
    db.outbox.count({ where: { dispatchedAt: null } }),
  ]);
  return { oldest: oldest?.createdAt ?? null, pending };
}
