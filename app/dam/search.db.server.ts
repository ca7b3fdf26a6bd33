// Library search: full text (SQLite FTS5 / PostgreSQL tsvector, both over AssetSearchDoc) plus filters, sorted,
// with keyset (cursor) pagination so page 500 costs what page 1 does. One SQL statement, built for the provider.
import db, { dbProvider, Prisma } from "~/db.server";
import { Invalid } from "~/lib/errors";
import type { AssetSearch } from "./dam.schema";

export interface AssetRow {
  id: string;
  title: string;
  kind: string;
  status: string;
  filename: string;
  mime: string;
  bytes: number;
  width: number | null;
  height: number | null;
  thumbhash: string | null;
  createdAt: Date;
  createdBy: string | null;
  validUntil: Date | null;
  currentVersionId: string | null;
  latestVersionNumber: number;
  nearDuplicateOfId: string | null;
  versionId: string;
  sha256: string;
  renditionsReadyAt: Date | null;
}

export interface AssetPage {
  items: AssetRow[];
  nextCursor: string | null;
}

const postgres = () => dbProvider === "postgresql";

/** Words of the query as prefix terms, ANDed; null when nothing searchable is left. */
export function textQuery(q: string): string | null {
  const words = (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8);
  if (!words.length) return null;
  return postgres()
    ? words.map((w) => `${w}:*`).join(" & ")
    : words.map((w) => `"${w}"*`).join(" AND ");
}

// SQLite keeps DateTime as ISO text with an explicit offset; PostgreSQL as timestamp(3).
function dateParam(date: Date): Date | string {
  return postgres() ? date : date.toISOString().replace("Z", "+00:00");
}

function enumIn(
  column: Prisma.Sql,
  type: string,
  values: readonly string[],
): Prisma.Sql {
  const list = Prisma.join(
    values.map((v) =>
      postgres()
        ? Prisma.sql`CAST(${v} AS ${Prisma.raw(`"${type}"`)})`
        : Prisma.sql`${v}`,
    ),
  );
  return Prisma.sql`${column} IN (${list})`;
}

const sorts = {
  newest: {
    column: Prisma.sql`a."createdAt"`,
    direction: "DESC",
    key: (r: AssetRow) => r.createdAt.toISOString(),
  },
  oldest: {
    column: Prisma.sql`a."createdAt"`,
    direction: "ASC",
    key: (r: AssetRow) => r.createdAt.toISOString(),
  },
  title: {
    column: Prisma.sql`a."title"`,
    direction: "ASC",
    key: (r: AssetRow) => r.title,
  },
  largest: {
    column: Prisma.sql`a."bytes"`,
    direction: "DESC",
    key: (r: AssetRow) => r.bytes,
  },
} as const;

interface Cursor {
  v: string | number;
  id: string;
}

function decodeCursor(cursor: string): Cursor {
  try {
    const parsed = JSON.parse(
      Buffer.from(cursor, "base64url").toString("utf8"),
    ) as Cursor;
    if (
      typeof parsed.id !== "string" ||
      (typeof parsed.v !== "string" && typeof parsed.v !== "number")
    )
      throw new Error("shape");
    return parsed;
  } catch {
    throw new Invalid("bad cursor", {
      cursor: ["is not a cursor this search returned"],
    });
  }
}

function conditions(
  shop: string,
  search: AssetSearch,
  now: Date,
): Prisma.Sql[] {
  const where: Prisma.Sql[] = [Prisma.sql`a."shop" = ${shop}`];
  const text = search.q ? textQuery(search.q) : null;
  if (text)
    where.push(
      postgres()
        ? Prisma.sql`a."id" IN (SELECT d."assetId" FROM "AssetSearchDoc" d WHERE d."shop" = ${shop} AND to_tsvector('simple', d."body") @@ to_tsquery('simple', ${text}))`
        : Prisma.sql`a."id" IN (SELECT d."assetId" FROM "AssetSearchFts" f JOIN "AssetSearchDoc" d ON d."seq" = f.rowid WHERE "AssetSearchFts" MATCH ${text} AND d."shop" = ${shop})`,
    );
  // Archived assets are hidden unless asked for by status.
  where.push(
    enumIn(
      Prisma.sql`a."status"`,
      "AssetStatus",
      search.status ?? ["DRAFT", "IN_REVIEW", "APPROVED"],
    ),
  );
  if (search.kind?.length)
    where.push(enumIn(Prisma.sql`a."kind"`, "AssetKind", search.kind));
  if (search.tag)
    where.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "AssetTag" t WHERE t."assetId" = a."id" AND t."tag" = ${search.tag})`,
    );
  if (search.collectionId)
    where.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "AssetCollectionItem" c WHERE c."assetId" = a."id" AND c."collectionId" = ${search.collectionId})`,
    );
  if (search.orientation)
    where.push(Prisma.sql`a."orientation" = ${search.orientation}`);
  if (search.minBytes !== undefined)
    where.push(Prisma.sql`a."bytes" >= ${search.minBytes}`);
  if (search.maxBytes !== undefined)
    where.push(Prisma.sql`a."bytes" <= ${search.maxBytes}`);
  if (search.expiringWithinDays !== undefined) {
    const until = new Date(
      now.getTime() + search.expiringWithinDays * 86_400_000,
    );
    where.push(
      Prisma.sql`a."validUntil" IS NOT NULL AND a."validUntil" <= ${dateParam(until)}`,
    );
  }
  if (search.uploadedBy)
    where.push(Prisma.sql`a."createdBy" = ${search.uploadedBy}`);
  if (search.uploadedFrom)
    where.push(Prisma.sql`a."createdAt" >= ${dateParam(search.uploadedFrom)}`);
  if (search.uploadedTo)
    where.push(Prisma.sql`a."createdAt" < ${dateParam(search.uploadedTo)}`);
  return where;
}

/** One page of the shop's assets matching `search`. Throws Invalid for a cursor it did not issue. */
export async function searchAssets(
  shop: string,
  search: AssetSearch,
  now = new Date(),
): Promise<AssetPage> {
  const sort = sorts[search.sort ?? "newest"];
  const where = conditions(shop, search, now);
  if (search.cursor) {
    const cursor = decodeCursor(search.cursor);
    const value =
      sort === sorts.newest || sort === sorts.oldest
        ? dateParam(new Date(String(cursor.v)))
        : cursor.v;
    const op = Prisma.raw(sort.direction === "DESC" ? "<" : ">");
    where.push(
      Prisma.sql`(${sort.column} ${op} ${value} OR (${sort.column} = ${value} AND a."id" ${op} ${cursor.id}))`,
    );
  }
  const limit = search.limit ?? 50;
  const direction = Prisma.raw(sort.direction);
  const rows = await db.$queryRaw<AssetRow[]>(Prisma.sql`
    SELECT a."id", a."title", a."kind", a."status", a."filename", a."mime", a."bytes", a."width", a."height",
           a."thumbhash", a."createdAt", a."createdBy", a."validUntil", a."currentVersionId",
           a."latestVersionNumber", a."nearDuplicateOfId",
           v."id" AS "versionId", v."sha256", v."renditionsReadyAt"
    FROM "Asset" a
    JOIN "AssetVersion" v ON v."assetId" = a."id" AND v."number" = a."latestVersionNumber"
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY ${sort.column} ${direction}, a."id" ${direction}
    LIMIT ${limit + 1}`);
  const items = rows.slice(0, limit).map((row) => ({
    ...row,
    bytes: Number(row.bytes),
    latestVersionNumber: Number(row.latestVersionNumber),
    createdAt: new Date(row.createdAt),
    validUntil: row.validUntil ? new Date(row.validUntil) : null,
    renditionsReadyAt: row.renditionsReadyAt
      ? new Date(row.renditionsReadyAt)
      : null,
  }));
  const last = items.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? Buffer.from(
          JSON.stringify({ v: sort.key(last), id: last.id }),
        ).toString("base64url")
      : null;
  return { items, nextCursor };
}
