// Relay connections with Shopify's rules: `first` or `last` is required (bulk operations excepted) and at most
// 250; cursors are opaque.
import { GraphQLError } from "graphql";

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
}

export const MAX_PAGE_SIZE = 250;

export function encodeCursor(id: string): string {
  return Buffer.from(JSON.stringify({ id }), "utf8").toString("base64url");
}

function decodeCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(
      Buffer.from(cursor, "base64url").toString("utf8"),
    ) as { id?: unknown };
    if (typeof parsed.id === "string") return parsed.id;
  } catch {
    // fall through
  }
  throw new GraphQLError("Invalid cursor for current pagination sort.", {
    extensions: { code: "BAD_REQUEST" },
  });
}

/**
 * One page of `items` (already filtered and sorted). `unbounded` is for bulk operations, which page internally.
 */
/** The records of `ids` that `map` holds, in the order of `ids` (ids of deleted records are skipped). */
export function recordsOf<T>(
  ids: readonly string[],
  map: ReadonlyMap<string, T>,
): T[] {
  return ids.flatMap((id) => {
    const record = map.get(id);
    return record === undefined ? [] : [record];
  });
}

export function connection<T extends { id: string }>(
  items: T[],
  args: ConnectionArgs,
  unbounded = false,
) {
  const ordered = args.reverse ? [...items].reverse() : items;
  if (!unbounded && args.first == null && args.last == null) {
    throw new GraphQLError("you must provide one of first or last", {
      extensions: { code: "BAD_REQUEST" },
    });
  }
  for (const name of ["first", "last"] as const) {
    const size = args[name];
    if (size != null && (size < 0 || size > MAX_PAGE_SIZE)) {
      throw new GraphQLError(
        `The ${name} argument must be between 0 and ${MAX_PAGE_SIZE}.`,
        {
          extensions: { code: "BAD_REQUEST" },
        },
      );
    }
  }
  let start = 0;
  let end = ordered.length;
  if (args.after) {
    const id = decodeCursor(args.after);
    start = ordered.findIndex((item) => item.id === id) + 1;
  }
  if (args.before) {
    const id = decodeCursor(args.before);
    const index = ordered.findIndex((item) => item.id === id);
    if (index >= 0) end = index;
  }
  let slice = ordered.slice(start, end);
  const total = slice.length;
  if (args.first != null) slice = slice.slice(0, args.first);
  if (args.last != null)
    slice = slice.slice(Math.max(0, slice.length - args.last));
  const firstIndex =
    start + (args.last != null ? Math.max(0, total - args.last) : 0);
  const edges = slice.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return {
    edges,
    nodes: slice,
    pageInfo: {
      hasNextPage: firstIndex + slice.length < end || end < ordered.length,
      hasPreviousPage: firstIndex > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
