// `npm run emulator`: the store emulator on 127.0.0.1:$EMULATOR_PORT (default 8787), seeded with the demo shop
// vitrine-demo.myshopify.com, or with the shops EMULATOR_SHOPS lists (comma-separated; the browser tests give each
// suite its own). See README "Store emulator" for the variables.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { ShopifyEmulator } from "./emulator";
import { DEMO_SHOP, seedShop } from "./seed/seed";
import { startEmulatorServer } from "./server";

const port = Number(process.env.EMULATOR_PORT ?? 8787);
const snapshotPath = process.env.EMULATOR_SNAPSHOT;
const shops = (process.env.EMULATOR_SHOPS ?? DEMO_SHOP)
  .split(",")
  .map((shop) => shop.trim())
  .filter(Boolean);
const emulator = new ShopifyEmulator({
  apiKey: process.env.SHOPIFY_API_KEY ?? "vitrine-demo-api-key",
  apiSecret: process.env.SHOPIFY_API_SECRET ?? "vitrine-demo-api-secret",
  mediaProcessingMs: Number(process.env.EMULATOR_MEDIA_PROCESSING_MS ?? 300),
  webhooks: process.env.SHOPIFY_APP_URL
    ? { appUrl: process.env.SHOPIFY_APP_URL }
    : {},
});

if (snapshotPath && existsSync(snapshotPath)) {
  emulator.loadSnapshot(
    JSON.parse(readFileSync(snapshotPath, "utf8")) as ReturnType<
      ShopifyEmulator["snapshot"]
    >,
  );
  console.log(`[emulator] state loaded from ${snapshotPath}`);
} else {
  for (const shop of shops) {
    const products = await seedShop(emulator, shop, {
      factor: Number(process.env.EMULATOR_SEED_FACTOR ?? 1),
    });
    console.log(
      `[emulator] seeded ${shop}: ${products.length} products, ${products.reduce((n, p) => n + p.variants.length, 0)} variants`,
    );
  }
}
if (process.env.EMULATOR_ADMIN_TOKEN) {
  for (const shop of shops)
    emulator.issueAccessToken(shop, {
      token: process.env.EMULATOR_ADMIN_TOKEN,
    });
  console.log(
    `[emulator] ${shops.join(", ")} accept EMULATOR_ADMIN_TOKEN as their offline access token`,
  );
}

const { url, close } = await startEmulatorServer(emulator, port);
console.log(`listening on ${url}`);

async function stop() {
  if (snapshotPath) {
    writeFileSync(snapshotPath, JSON.stringify(emulator.snapshot()));
    console.log(`[emulator] state saved to ${snapshotPath}`);
  }
  emulator.close();
  await close();
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
