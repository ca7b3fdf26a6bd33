// A marketplace listings API for tests and the demo: verifies the signature and timestamp of each PATCH,
// keeps the highest revision per SKU (older ones answer 409), replays idempotent requests, and records what a
// shopper of the marketplace would see. Faults: failures and rate limits for the next N requests, refused SKUs.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { handleBatch } from "./batch";

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
  faults: {
    failNext?: number;
    rateLimitNext?: number;
    latencyMs?: number;
    /**
     * SKUs whose listing the marketplace refuses (422 with the issue, as listings APIs answer a listing that
     * fails their validation), alone or as a batch entry, until the fault is lifted.
     */
    refuseSkus?: string[];
  } = {};
  /** Requests received per kind: one per SKU (`single`) or one per batch (`batch`). */
  readonly requests = { single: 0, batch: 0 };
  private readonly idempotent = new Map<string, number>();
  /** The revision of each withdrawn SKU: an older PATCH arriving late cannot bring it back. */
  private readonly withdrawn = new Map<string, number>();
  private server: Server | undefined;

  constructor(
    readonly keyId: string,
    private readonly secret: string,
  ) {}

  verify(request: Request, body: string): boolean {
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
    if (url.pathname.endsWith("/listings:batch"))
      return handleBatch(this, request, (body) => this.verify(request, body));
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
    this.requests.single += 1;
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
    const result =
      request.method === "DELETE"
        ? this.withdraw(
            sku,
            JSON.parse(body || "{}") as { revision?: number },
            key,
          )
        : this.patch(
            sku,
            JSON.parse(body) as Omit<ReceivedListing, "receivedAt">,
            key,
          );
    return answer(result.status, result.body);
  }

  /** One PATCH of a listing (alone or as a batch entry). */
  patch(
    sku: string,
    listing: Omit<ReceivedListing, "receivedAt">,
    key: string | null,
  ): { status: number; body: unknown } {
    if (key && this.idempotent.has(key))
      return { status: this.idempotent.get(key)!, body: { replayed: true } };
    if (listing?.sku !== sku || !listing.images?.main)
      return { status: 400, body: { error: "sku mismatch or no main image" } };
    if (this.faults.refuseSkus?.includes(sku))
      return {
        status: 422,
        body: { error: "listing refused", issues: ["category not allowed"] },
      };
    const current = this.listings.get(sku);
    if ((this.withdrawn.get(sku) ?? 0) > listing.revision)
      return { status: 409, body: { error: "withdrawn at a newer revision" } };
    if (current && current.revision > listing.revision)
      return {
        status: 409,
        body: { error: "a newer revision exists", revision: current.revision },
      };
    this.listings.set(sku, { ...current, ...listing, receivedAt: Date.now() });
    if (key) this.idempotent.set(key, 200);
    return { status: 200, body: { sku, revision: listing.revision } };
  }

  /** One DELETE of a listing. */
  withdraw(
    sku: string,
    { revision }: { revision?: number },
    key: string | null,
  ): { status: number; body: unknown } {
    if (key && this.idempotent.has(key))
      return { status: this.idempotent.get(key)!, body: { replayed: true } };
    const current = this.listings.get(sku);
    if (current && current.revision > (revision ?? 0))
      return { status: 409, body: { error: "a newer revision exists" } };
    this.listings.delete(sku);
    this.withdrawn.set(
      sku,
      Math.max(this.withdrawn.get(sku) ?? 0, revision ?? 0),
    );
    if (key) this.idempotent.set(key, 200);
    return { status: 200, body: { sku, withdrawn: true } };
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
