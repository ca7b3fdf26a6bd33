import db from "~/db.server";

/** Throws when the database cannot answer a trivial query. */
export async function pingDatabase(): Promise<void> {
  await db.$queryRawUnsafe("SELECT 1");
}
