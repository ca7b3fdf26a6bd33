// Identifiers as Shopify hands them out: large numeric ids, global ids (GIDs), handles and compareDigests.
import { createHash } from "node:crypto";
import type { MetafieldRecord } from "./records";

/** Shopify-looking numeric ids: large, increasing, unique per emulator. */
export class IdSequence {
  private next = 0;
  constructor(private readonly base = 8_100_000_000_000) {}
  take(): number {
    this.next += 1;
    return this.base + this.next;
  }
  state(): number {
    return this.next;
  }
  restore(next: number): void {
    this.next = next;
  }
}

export function gid(type: string, id: number): string {
  return `gid://shopify/${type}/${id}`;
}

export function parseGid(value: string): { type: string; id: number } | null {
  const match = /^gid:\/\/shopify\/(\w+)\/(\d+)$/.exec(value);
  return match ? { type: match[1]!, id: Number(match[2]) } : null;
}

/** Shopify's compareDigest is opaque; ours changes whenever the value or type changes. */
export function metafieldDigest(record: MetafieldRecord): string {
  return createHash("sha256")
    .update(`${record.type}\u0000${record.value}\u0000${record.updatedAt}`)
    .digest("hex");
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
