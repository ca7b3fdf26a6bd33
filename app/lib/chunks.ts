/** The items in runs of at most `size`, in order (for APIs that cap a call's input: Shopify's 25 or 250, SQL `IN`). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}
