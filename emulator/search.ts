// A subset of Shopify's search syntax (https://shopify.dev/docs/api/usage/search-syntax): space-separated terms
// ANDed, `OR`, `-term`/`NOT term`, `field:value`, comparators `field:>value`, `"quoted values"`, `prefix*`.
// A term without a field matches the resource's default text (title, filename).

type Comparator = ":" | ":>" | ":>=" | ":<" | ":<=";

export interface SearchTerm {
  field: string | null;
  comparator: Comparator;
  value: string;
  negated: boolean;
}

/** Groups of terms: a record matches when every term of any one group matches (groups are ORed). */
export type SearchQuery = SearchTerm[][];

const TOKEN = /(-)?(?:(\w+)(:>=|:<=|:>|:<|:))?("(?:[^"\\]|\\.)*"|\S+)/g;

export function parseSearch(query: string | null | undefined): SearchQuery {
  const groups: SearchTerm[][] = [[]];
  let negateNext = false;
  for (const match of (query ?? "").matchAll(TOKEN)) {
    const [, minus, field, comparator, rawValue] = match;
    if (!field && rawValue === "OR") {
      groups.push([]);
      continue;
    }
    if (!field && (rawValue === "AND" || rawValue === "NOT")) {
      negateNext = rawValue === "NOT";
      continue;
    }
    const value = rawValue!.startsWith('"')
      ? rawValue!.slice(1, -1).replace(/\\(.)/g, "$1")
      : rawValue!;
    groups[groups.length - 1]!.push({
      field: field ?? null,
      comparator: (comparator as Comparator | undefined) ?? ":",
      value,
      negated: Boolean(minus) || negateNext,
    });
    negateNext = false;
  }
  return groups.filter((group) => group.length > 0);
}

export type FieldValue =
  string | number | boolean | null | undefined | (string | null)[];
export type FieldAccessor<T> = (record: T, field: string | null) => FieldValue;

function compare(
  actual: string | number,
  comparator: Comparator,
  expected: string,
): boolean {
  if (comparator === ":") {
    const text = String(actual).toLowerCase();
    const wanted = expected.toLowerCase();
    return wanted.endsWith("*")
      ? text.startsWith(wanted.slice(0, -1))
      : text === wanted;
  }
  const left =
    typeof actual === "number" ? actual : Date.parse(actual) || Number(actual);
  const right = Number.isNaN(Number(expected))
    ? Date.parse(expected)
    : Number(expected);
  if (comparator === ":>") return left > right;
  if (comparator === ":>=") return left >= right;
  if (comparator === ":<") return left < right;
  return left <= right;
}

function termMatches<T>(
  record: T,
  term: SearchTerm,
  access: FieldAccessor<T>,
): boolean {
  const value = access(record, term.field);
  let matched: boolean;
  if (value === undefined || value === null) matched = false;
  else if (term.field === null) {
    // Free text: every word of the term appears in the default text.
    const text = (
      Array.isArray(value) ? value.join(" ") : String(value)
    ).toLowerCase();
    matched = term.value
      .toLowerCase()
      .replace(/\*$/, "")
      .split(/\s+/)
      .every((word) => text.includes(word));
  } else if (Array.isArray(value)) {
    matched = value.some(
      (item) => item !== null && compare(item, term.comparator, term.value),
    );
  } else {
    matched = compare(
      typeof value === "boolean" ? String(value) : value,
      term.comparator,
      term.value,
    );
  }
  return term.negated ? !matched : matched;
}

export function matchesSearch<T>(
  record: T,
  query: SearchQuery,
  access: FieldAccessor<T>,
): boolean {
  if (query.length === 0) return true;
  return query.some((group) =>
    group.every((term) => termMatches(record, term, access)),
  );
}
