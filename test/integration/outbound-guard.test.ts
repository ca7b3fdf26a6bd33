// Merchant-configured URLs cannot reach inside our network (SSRF): private and metadata addresses are refused when
// the endpoint is saved and when it is called, a DNS answer that changes in between (rebinding) is refused at
// connect time, redirects are refused, response bodies never reach an error message, and calls are bounded.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { Invalid, Upstream } from "~/lib/errors";
import {
  assertOutboundUrl,
  OutboundRefused,
  outboundFetch,
  type Resolver,
} from "~/lib/outbound.server";
import { configureMarketplace } from "~/sync/channels/channels.db.server";
import {
  patchListing,
  readListing,
  type Listing,
} from "~/sync/channels/marketplace.server";
import { upsertInstalledShop } from "~/shop/shop.db.server";
import { MarketplaceReceiver } from "../../emulator/marketplace/receiver";

const SHOP = "outbound.myshopify.com";
const STRICT = { allowPrivate: false } as const;

/** A DNS stub: each name answers the next address in its list (the last one repeats). */
function dnsStub(answers: Record<string, string[]>): {
  resolve: Resolver;
  asked: string[];
} {
  const asked: string[] = [];
  const resolve: Resolver = (hostname) => {
    asked.push(hostname);
    const list = answers[hostname];
    if (!list) return Promise.reject(new Error("ENOTFOUND"));
    const address = list.length > 1 ? list.shift()! : list[0]!;
    return Promise.resolve([
      { address, family: address.includes(":") ? 6 : 4 },
    ]);
  };
  return { resolve, asked };
}

let internal: Server;
let internalUrl: string;
const internalHits: string[] = [];
beforeAll(async () => {
  await upsertInstalledShop(SHOP);
  // Stands in for an internal service: answers what an attacker would like to read or reach.
  internal = createServer((request, response) => {
    internalHits.push(request.url ?? "");
    if (request.url?.startsWith("/redirect")) {
      response.writeHead(303, { Location: `${internalUrl}/admin/secrets` });
      response.end();
    } else if (request.url?.startsWith("/huge")) {
      response.writeHead(200, { "Content-Type": "application/json" });
      response.end(`"${"x".repeat(3 * 1024 * 1024)}"`);
    } else if (request.url?.startsWith("/slow")) {
      // Never answers.
    } else {
      response.writeHead(400, { "Content-Type": "text/plain" });
      response.end("INTERNAL-SECRET redis_password=hunter2");
    }
  });
  await new Promise<void>((resolve) =>
    internal.listen(0, "127.0.0.1", resolve),
  );
  internalUrl = `http://127.0.0.1:${(internal.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      internal.closeAllConnections();
      internal.close(() => resolve());
    }),
);

const listing: Listing = {
  sku: "SSRF-1",
  revision: 1,
  title: "Coat",
  description: "",
  price: { amount: 100, currency: "EUR" },
  attributes: {},
  images: { main: "https://app.example/a.jpg", additional: [] },
};

describe("merchant URLs outside the public internet", () => {
  it.each([
    "https://169.254.169.254/latest/meta-data/",
    "https://10.0.0.7/v1",
    "https://[::1]/v1",
    "http://localhost:6379",
    "https://127.0.0.1:6379",
    "https://[::ffff:127.0.0.1]/v1",
    "https://[::ffff:a9fe:a9fe]/",
    "https://100.100.100.200/",
    "https://[fd00:ec2::254]/",
    "https://user:pass@marketplace.example/v1",
  ])("refuses %s", (url) => {
    expect(() => assertOutboundUrl(url, STRICT)).toThrow(OutboundRefused);
  });

  it.each(["https://8.8.8.8/v1", "https://[2606:4700::1111]/v1"])(
    "accepts the public address %s",
    (url) => {
      expect(assertOutboundUrl(url, STRICT).href).toBe(url);
    },
  );

  it("refuses to save an endpoint whose name resolves to a private address, with a message for the field", async () => {
    const { resolve } = dnsStub({ "api.marketplace.test": ["10.1.2.3"] });
    const error = await configureMarketplace(
      SHOP,
      {
        url: "https://api.marketplace.test/v1",
        keyId: "k",
        secret: "0123456789abcdef",
      },
      { ...STRICT, resolve },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Invalid);
    expect((error as Invalid).fieldErrors.url?.[0]).toMatch(
      /private or reserved address/,
    );
    expect(
      await db.channel.count({ where: { shop: SHOP, kind: "MARKETPLACE" } }),
    ).toBe(0);
  });

  it("refuses at connect time a name that resolved to a public address when saved and to loopback when called (DNS rebinding)", async () => {
    const { port } = internal.address() as AddressInfo;
    const { resolve, asked } = dnsStub({
      "rebind.marketplace.test": ["93.184.215.14", "127.0.0.1"],
    });
    const policy = { ...STRICT, resolve };
    const url = `https://rebind.marketplace.test:${port}/v1`;
    await configureMarketplace(
      SHOP,
      { url, keyId: "k", secret: "0123456789abcdef" },
      policy,
    );
    const hitsBefore = internalHits.length;

    await expect(
      patchListing({ url, keyId: "k", secret: "0123456789abcdef" }, listing, {
        policy,
        maxAttempts: 1,
      }),
    ).rejects.toThrow(/points to a private or reserved address/);
    expect(asked).toEqual([
      "rebind.marketplace.test",
      "rebind.marketplace.test",
    ]);
    expect(internalHits.length).toBe(hitsBefore);
  });

  it("connects to the address its own lookup returned", async () => {
    const receiver = new MarketplaceReceiver("k", "0123456789abcdef");
    const { port } = new URL(await receiver.listen());
    try {
      const { resolve, asked } = dnsStub({ localhost: ["127.0.0.1"] });
      await patchListing(
        {
          url: `http://localhost:${port}/v1`,
          keyId: "k",
          secret: "0123456789abcdef",
        },
        listing,
        { policy: { allowPrivate: true, resolve } },
      );
      expect(asked).toEqual(["localhost"]);
      expect(receiver.listings.get("SSRF-1")?.revision).toBe(1);
    } finally {
      await receiver.close();
    }
  });
});

describe("what comes back from a merchant URL", () => {
  // These call the internal stand-in on 127.0.0.1, so private addresses are allowed (as in development).
  const open = { allowPrivate: true } as const;

  it("refuses a redirect instead of following it", async () => {
    const before = internalHits.length;
    await expect(
      outboundFetch(`${internalUrl}/redirect`, { method: "GET" }, open),
    ).rejects.toThrow(/redirect \(HTTP 303\)/);
    expect(internalHits.slice(before)).toEqual(["/redirect"]);
  });

  it("reports a refusal by status code only, never the response body", async () => {
    const error = await patchListing(
      { url: `${internalUrl}/v1`, keyId: "k", secret: "0123456789abcdef" },
      listing,
      { policy: open, maxAttempts: 1 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Invalid);
    expect((error as Error).message).toContain("HTTP 400");
    expect((error as Error).message).not.toMatch(/SECRET|hunter2/);
  });

  it("caps the response size and the time a call may take", async () => {
    await expect(
      readListing(
        { url: `${internalUrl}/huge`, keyId: "k", secret: "s" },
        "x",
        { policy: open },
      ),
    ).rejects.toThrow(/more than 1048576 bytes/);
    const started = Date.now();
    const error = await outboundFetch(
      `${internalUrl}/slow`,
      { method: "GET" },
      { ...open, timeoutMs: 300 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Upstream);
    expect((error as Upstream).retryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
