// What the engine benches (bench:sync, bench:scale, bench:chaos, bench:catalog) start and stop alike: options from
// the command line, a migrated database, queue prefix and storage folder of the run's own with the app's settings in
// process.env (set before the app is imported, so benches import it dynamically after `benchRun`), the store
// emulator's demo shop installed with an offline session, and a bounded wait that reports the sync states.
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import type { EmulatorOptions, ShopifyEmulator } from "../../emulator/emulator";
import { COLOURS } from "../../emulator/seed/catalogue";
import { studioImage } from "../../emulator/seed/images";
import {
  createMigratedDatabase,
  dropDatabase,
} from "../../test/support/database";

/** `--name=value` from the command line, or the fallback. */
export function arg(name: string, fallback: string): string {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
}

export const numberArg = (name: string, fallback: number): number =>
  Number(arg(name, String(fallback)));

export interface BenchRun {
  runId: string;
  /** The run's database URL (also DATABASE_URL now). */
  url: string;
  say(message: string): void;
  /** Drops the run's database and removes its storage folder. */
  cleanUp(): Promise<void>;
}

/**
 * Creates the run's database (DATABASE_URL's server, or `defaultDatabase`) and sets the app's environment for it:
 * a queue prefix and a storage folder of its own, bench Shopify credentials, LOG_LEVEL warn unless set, and `env`.
 */
export async function benchRun(
  name: string,
  options: { defaultDatabase?: string; env?: Record<string, string> } = {},
): Promise<BenchRun> {
  const baseUrl =
    process.env.DATABASE_URL ??
    options.defaultDatabase ??
    `file:./data/bench-${name}.sqlite`;
  const runId = randomBytes(3).toString("hex");
  const url = await createMigratedDatabase(baseUrl, runId, name);
  const storage = `./data/bench-${name}-storage-${runId}`;
  Object.assign(process.env, {
    DATABASE_URL: url,
    QUEUE_PREFIX: `vitrine-bench-${name}-${runId}`,
    STORAGE_DIR: storage,
    SHOPIFY_API_KEY: "bench",
    SHOPIFY_API_SECRET: "bench-secret",
    SHOPIFY_APP_URL: "https://bench.invalid",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    ...options.env,
  });
  return {
    runId,
    url,
    say: (message) => console.log(`[bench:${name}] ${message}`),
    async cleanUp() {
      await dropDatabase(url, baseUrl);
      rmSync(storage, { recursive: true, force: true });
    },
  };
}

/** The store emulator with the demo shop seeded (no images) and the app's offline session with the shop's token. */
export async function benchShop(options: {
  factor: number;
  throttle?: EmulatorOptions["throttle"];
  /** The offline session's scopes; `write_products,write_files` unless set. */
  scope?: string;
}): Promise<{ emulator: ShopifyEmulator; shop: string; token: string }> {
  const { ShopifyEmulator } = await import("../../emulator/emulator");
  const { DEMO_SHOP: shop, seedShop } =
    await import("../../emulator/seed/seed");
  const { Session } = await import("@shopify/shopify-api");
  const { sessionStorage } = await import("~/shopify.server");
  const emulator = new ShopifyEmulator({
    apiKey: "bench",
    apiSecret: "bench-secret",
    webhooks: { subscriptions: [] },
    throttle: options.throttle,
  });
  await seedShop(emulator, shop, { factor: options.factor, images: false });
  const token = emulator.issueAccessToken(shop);
  await sessionStorage.storeSession(
    new Session({
      id: `offline_${shop}`,
      shop,
      state: "bench",
      isOnline: false,
      accessToken: token,
      scope: options.scope ?? "write_products,write_files",
    }),
  );
  return { emulator, shop, token };
}

export interface ApiTraffic {
  responses: number;
  throttled: number;
  points: number;
}

/**
 * Routes the app's Admin API calls to the emulator, counting every GraphQL answer: the points charged and the
 * THROTTLED responses. Returns the live counters.
 */
export async function countAdminApi(
  emulator: ShopifyEmulator,
): Promise<ApiTraffic> {
  const { setShopifyFetch } = await import("~/shopify/api-origin.server");
  const counters: ApiTraffic = { responses: 0, throttled: 0, points: 0 };
  // Counted where the emulator answers: this process's calls and those of worker processes over HTTP alike.
  const handle = emulator.handle.bind(emulator);
  emulator.handle = async (request) => {
    const response = await handle(request);
    if (new URL(request.url).pathname.endsWith("/graphql.json")) {
      const body = (await response.clone().json()) as {
        errors?: { extensions?: { code?: string } }[];
        extensions?: { cost?: { actualQueryCost?: number | null } };
      };
      counters.responses += 1;
      if (body.errors?.some((e) => e.extensions?.code === "THROTTLED"))
        counters.throttled += 1;
      counters.points += body.extensions?.cost?.actualQueryCost ?? 0;
    }
    return response;
  };
  setShopifyFetch(emulator.fetchFor());
  return counters;
}

/** The channels the sync benches measure: storefront on, Google and marketplace off. After the shop is mirrored. */
export async function benchChannels(shop: string): Promise<void> {
  const { default: db } = await import("~/db.server");
  await db.channel.createMany({
    data: [
      { shop, kind: "SHOPIFY_STOREFRONT", enabled: true, config: {} },
      {
        shop,
        kind: "GOOGLE_MERCHANT",
        enabled: false,
        config: { feedToken: "b".repeat(32) },
      },
      { shop, kind: "MARKETPLACE", enabled: false, config: {} },
    ],
  });
}

/** The bench's `i`th coat packshot (JPEG, 1200×1500 unless `size` says), `label` written on it so each differs. */
export const benchImage = (
  i: number,
  label: string,
  size: { width: number; height: number } = { width: 1200, height: 1500 },
): Promise<Buffer> =>
  studioImage({
    family: "coat",
    colour: COLOURS[i % COLOURS.length]!,
    ...size,
    packshot: true,
    label: `${i} ${label}`,
  });

/** Whether every storefront pair of the shop (`products` of them) is confirmed live or not listed. */
export async function storefrontSettled(
  shop: string,
  products: number,
): Promise<boolean> {
  const { default: db } = await import("~/db.server");
  const rows = await db.syncState.findMany({
    where: { shop, channel: "SHOPIFY_STOREFRONT" },
  });
  return (
    rows.length === products &&
    rows.every(
      (r) =>
        (r.status === "LIVE" || r.status === "NOT_LISTED") &&
        r.confirmedRevision === r.desiredRevision,
    )
  );
}

/**
 * Polls `check` until it holds, saying the shop's sync states and the API traffic every `reportMs`; throws after
 * `timeoutMs`.
 */
export async function until(
  check: () => Promise<boolean>,
  what: string,
  options: {
    shop: string;
    say: (message: string) => void;
    traffic: () => { responses: number; throttled: number };
    timeoutMs: number;
    reportMs: number;
    pollMs: number;
  },
): Promise<void> {
  const { default: db } = await import("~/db.server");
  const deadline = Date.now() + options.timeoutMs;
  let report = Date.now() + options.reportMs;
  while (!(await check())) {
    if (Date.now() > report) {
      report = Date.now() + options.reportMs;
      const states = await db.syncState.groupBy({
        by: ["status"],
        where: { shop: options.shop },
        _count: { _all: true },
      });
      const t = options.traffic();
      options.say(
        `${what}: ${states.map((g) => `${g.status} ${g._count._all}`).join(", ")}; ${t.responses} API calls, ${t.throttled} THROTTLED`,
      );
    }
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
  }
}
