// Library renditions bookkeeping on the version row: ready (or why not), and the backlog of versions without any.
import db from "~/db.server";
import { NotFound } from "~/lib/errors";

/** Records that a version's renditions are stored (or why they could not be made). Throws NotFound. */
export async function recordRenditions(
  shop: string,
  versionId: string,
  error: string | null,
) {
  const { count } = await db.assetVersion.updateMany({
    where: { id: versionId, shop },
    data: error
      ? { renditionError: error }
      : { renditionsReadyAt: new Date(), renditionError: null },
  });
  if (count === 0) throw new NotFound("version not found");
}

/**
 * Versions still waiting for renditions (none recorded, no recorded failure), oldest first, in pages by id so a
 * large backlog is streamed rather than loaded at once. Every shop's: the queue-all job serves them all.
 */
export async function versionsWithoutRenditions(
  afterId: string | null,
  take: number,
) {
  return db.assetVersion.findMany({
    where: {
      renditionsReadyAt: null,
      renditionError: null,
      ...(afterId ? { id: { gt: afterId } } : {}),
    },
    orderBy: { id: "asc" },
    select: { id: true, shop: true, assetId: true },
    take,
  });
}
