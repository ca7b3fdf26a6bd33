// Staff names for "who did it" lines: actors are recorded as `user:{id}` (the session token's subject); the
// online sessions Shopify hands the app carry that user's name. Without one, the id is all we know.
import db from "~/db.server";

/**
 * Display names for actors of the shop: "Ada Lovelace" for `user:42` when an online session of that user was
 * stored, else the actor as recorded ("user:42", "staff", "system"). Read-only.
 */
export async function staffNames(
  shop: string,
  actors: readonly string[],
): Promise<Record<string, string>> {
  const ids = [
    ...new Set(
      actors.flatMap((a) => {
        const match = /^user:(\d{1,20})$/.exec(a);
        return match ? [BigInt(match[1]!)] : [];
      }),
    ),
  ];
  const sessions = ids.length
    ? await db.session.findMany({
        where: { shop, isOnline: true, userId: { in: ids } },
        select: { userId: true, firstName: true, lastName: true, email: true },
      })
    : [];
  const names: Record<string, string> = {};
  for (const actor of actors) names[actor] = actor;
  for (const s of sessions) {
    const name = [s.firstName, s.lastName].filter(Boolean).join(" ") || s.email;
    if (name) names[`user:${s.userId}`] = name;
  }
  return names;
}
