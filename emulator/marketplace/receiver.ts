// A marketplace listings API for tests and the demo: verifies the signature and timestamp of each PATCH,
// keeps the highest revision per SKU (older ones answer 409), replays idempotent requests, and records what a
// shopper of the marketplace would see. Faults: failures and rate limits for the next N requests.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedListing {
  sku: string;
  revision: number;
  title: string;
  description?: string;
  price: { amount: number; currency: string };
  attributes: Record<string, string | string[]>;
  images: { main: string; additional: string[] };
  /** Absent or true: shoppers see it; false: prepared, not shown (a launch under embargo). */
  active?: boolean;
  receivedAt: number;
}

const MAX_SKEW_SECONDS = 300;

export class MarketplaceReceiver {
  readonly listings = new Map<string, ReceivedListing>();
  readonly log: { sku: string; status: number; at: number }[] = [];
  faults: { failNext?: number; rateLimitNext?: number; latencyMs?: number } =
    {};
  private readonly idempotent = new Map<string, number>();
  /** The revision of each withdrawn SKU: an older PATCH arriving late cannot bring it back. */
  private readonly withdrawn = new Map<string, number>();
  private server: Server | undefined;

  constructor(
    readonly keyId: string,
    private readonly secret: string,
  ) {}

  private verify(request: Request, body: string): boolean {
    const timestamp = request.headers.get("x-vitrine-timestamp") ?? "";
    const given = request.headers.get("x-vitrine-signature") ?? "";
    if (request.headers.get("x-vitrine-key-id") !== this.keyId) return false;
    if (Math.abs(Date.now() / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS)
      return false;
    const expected = `sha256=${createHmac("sha256", this.secret).update(`${timestamp}.${body}`).digest("hex")}`;
    return (
      given.length === expected.length &&
      timingSafeEqual(Buffer.from(given), Buffer.from(expected))
    );
  }

  /** The listings a shopper of the marketplace sees (active ones). */
  shown(): ReceivedListing[] {
    return [...this.listings.values()].filter((l) => l.active !== false);
  }

  async handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const match = /\/listings\/([^/]+)$/.exec(url.pathname);
    const sku = match ? decodeURIComponent(match[1]!) : null;
    if (request.method === "GET") {
      const listing = sku ? this.listings.get(sku) : undefined;
      return listing
        ? Response.json(listing)
        : new Response("Not Found", { status: 404 });
    }
    if ((request.method !== "PATCH" && request.method !== "DELETE") || !sku)
      return new Response("Not Found", { status: 404 });
    if (this.faults.latencyMs)
      await new Promise((resolve) =>
        setTimeout(resolve, this.faults.latencyMs),
      );
    const answer = (
      status: number,
      body: unknown = {},
      headers: Record<string, string> = {},
    ) => {
      this.log.push({ sku, status, at: Date.now() });
      return Response.json(body, { status, headers });
    };
    if (this.faults.rateLimitNext && this.faults.rateLimitNext > 0) {
      this.faults.rateLimitNext -= 1;
      return answer(429, { error: "rate limited" }, { "Retry-After": "0" });
    }
    if (this.faults.failNext && this.faults.failNext > 0) {
      this.faults.failNext -= 1;
      return answer(503, { error: "unavailable" });
    }
    const body = await request.text();
    if (!this.verify(request, body))
      return answer(401, { error: "bad signature or stale timestamp" });
    const key = request.headers.get("idempotency-key");
    if (key && this.idempotent.has(key))
      return answer(this.idempotent.get(key)!, { replayed: true });
    if (request.method === "DELETE") {
      const { revision } = JSON.parse(body || "{}") as { revision?: number };
      const current = this.listings.get(sku);
      if (current && current.revision > (revision ?? 0))
        return answer(409, { error: "a newer revision exists" });
      this.listings.delete(sku);
      this.withdrawn.set(
        sku,
        Math.max(this.withdrawn.get(sku) ?? 0, revision ?? 0),
      );
      if (key) this.idempotent.set(key, 200);
      return answer(200, { sku, withdrawn: true });
    }
    const listing = JSON.parse(body) as Omit<ReceivedListing, "receivedAt">;
    if (listing.sku !== sku || !listing.images?.main)
      return answer(400, { error: "sku mismatch or no main image" });
    const current = this.listings.get(sku);
    if ((this.withdrawn.get(sku) ?? 0) > listing.revision)
      return answer(409, { error: "withdrawn at a newer revision" });
    if (current && current.revision > listing.revision)
      return answer(409, {
        error: "a newer revision exists",
        revision: current.revision,
      });
    this.listings.set(sku, { ...current, ...listing, receivedAt: Date.now() });
    if (key) this.idempotent.set(key, 200);
    return answer(200, { sku, revision: listing.revision });
  }

  async listen(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers))
          if (typeof value === "string") headers.set(name, value);
        const hasBody = req.method !== "GET" && req.method !== "HEAD";
        void this.handle(
          new Request(`http://127.0.0.1${req.url}`, {
            method: req.method,
            headers,
            body: hasBody ? Buffer.concat(chunks) : undefined,
          }),
        ).then(async (response) => {
          res.writeHead(response.status, Object.fromEntries(response.headers));
          res.end(Buffer.from(await response.arrayBuffer()));
        });
      });
    });
    await new Promise<void>((resolve) =>
      this.server!.listen(0, "127.0.0.1", resolve),
    );
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}
