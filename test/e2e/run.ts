// The browser tests (`npm run test:e2e`, a step of `npm test`): every suite on ONE stack (emulator, built web and
// worker, Chromium; test/e2e/harness.ts), each suite with its own shop so they stay independent. The app starts
// once; then the suites run in sequence, each seeded (in this process) just before it runs and driven on a fresh
// page; one suite's failed check does not stop the others. `tsx test/e2e/run.ts pim` runs only the suites whose
// names start with the words given. `--update-docs` (`npm run screenshots`) copies the suites' README screenshots
// to docs/screenshots/ after a passing run; a plain run writes screenshots only to test/e2e/artifacts/ (gitignored).
import { copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { damLibrary } from "./dam-library.e2e";
import {
  artifacts,
  openAppPage,
  startStack,
  storeOfflineSession,
  type Suite,
  type SuiteContext,
} from "./harness";
import { launchScreens } from "./launch.e2e";
import { pimFlows } from "./pim-flows.e2e";
import { syncScreens } from "./sync-screens.e2e";

const suites: Suite[] = [damLibrary, pimFlows, syncScreens, launchScreens];
const args = process.argv.slice(2);
const updateDocs = args.includes("--update-docs");
const words = args.filter((arg) => !arg.startsWith("--"));
const chosen = suites.filter(
  (suite) =>
    !words.length ||
    words.some((word) => suite.name.startsWith(word.replace(/-/g, " "))),
);
if (!chosen.length) {
  console.error(`no suite matches ${words.join(" ")}`);
  process.exit(2);
}

const failures: string[] = [];
let passed = 0;
const runStarted = Date.now();
const since = (t: number) => `${((Date.now() - t) / 1000).toFixed(1)} s`;
mkdirSync(artifacts, { recursive: true });
const stack = await startStack("e2e", async () => undefined, {
  shops: chosen.map((suite) => suite.shop),
}).catch((error: unknown) => {
  console.error(`[e2e] ${(error as Error).stack ?? String(error)}`);
  console.log("0 passed, 1 failed");
  process.exit(1);
});
stack.say(`stack up in ${since(runStarted)}`);

/**
 * Seeds a suite's shop just before the suite runs, so the worker is not busy with the later suites' data meanwhile.
 * The install is recorded last, as the install's own jobs (catalogue import, shop details) ran after the seed when
 * each suite had its own stack, seeded before its worker started.
 */
async function seed(suite: Suite): Promise<void> {
  await storeOfflineSession(stack.adminToken, suite.shop);
  const { upsertInstalledShop } = await import("~/shop/shop.db.server");
  await upsertInstalledShop(suite.shop);
  await suite.seed();
  const { recordInstall } = await import("~/shop/install.server");
  await recordInstall(suite.shop);
  const { closeQueues } = await import("~/jobs/queues.server");
  await closeQueues();
}

for (const suite of chosen) {
  const started = Date.now();
  const say = (message: string) => console.log(`[${suite.name}] ${message}`);
  const page = await stack.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => {
    pageErrors.push(error.message);
    say(`page error: ${error.message}`);
  });
  const context: SuiteContext = {
    stack,
    shop: suite.shop,
    page,
    pageErrors,
    say,
    async check(title, run) {
      try {
        await run();
        passed++;
        say(`✔ ${title}`);
      } catch (error) {
        failures.push(`${suite.name}: ${title}: ${(error as Error).message}`);
        say(`✖ ${title}: ${(error as Error).message}`);
      }
    },
    enter: () => stack.enter(page, suite.shop),
    openApp: (appPath) => openAppPage(stack, page, suite.shop, appPath),
  };
  try {
    await seed(suite);
    await suite.run(context);
  } catch (error) {
    failures.push(`${suite.name}: stopped: ${(error as Error).message}`);
    say(`✖ stopped: ${(error as Error).stack ?? String(error)}`);
  }
  await page.close().catch(() => undefined);
  await suite.close?.();
  say(`done in ${since(started)}`);
}

if (updateDocs && !failures.length) {
  const docs = path.resolve("docs/screenshots");
  mkdirSync(docs, { recursive: true });
  for (const suite of chosen)
    for (const name of suite.screenshots ?? []) {
      copyFileSync(path.join(artifacts, name), path.join(docs, name));
      console.log(`[e2e] docs/screenshots/${name} updated`);
    }
}
for (const failure of failures) console.log(`✖ ${failure}`);
console.log(
  `${passed} passed, ${failures.length} failed in ${since(runStarted)}`,
);
await stack.stop(failures.length ? 1 : 0);
