// The hostile-input suite (issue #10): every file of scripts/hostile-corpus.ts goes through the real upload route
// over HTTP (body limits, busboy, ingest). Each must get a clear 4xx or a correct accept — never a 5xx — while the
// event loop stays responsive and memory bounded, and a refusal must leave nothing in storage or the database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { DECODE_POLICY } from "~/dam/decode.server";
import { getStorage } from "~/dam/storage.server";
import { closeSvgSandbox } from "~/dam/svg.server";
import { getQueue } from "~/jobs/queues.server";
import { latestSpreadsheetImport } from "~/pim/spreadsheet-import.db.server";
import { runSpreadsheetImport } from "~/pim/spreadsheet-import.server";
import { action as uploadAction } from "~/routes/app.assets.upload";
import { action as spreadsheetAction } from "~/routes/app.products.spreadsheet";
import { hostileCorpus, type HostileFile } from "../../scripts/hostile-corpus";
import { hostileSpreadsheets } from "../../scripts/hostile-spreadsheets";
import {
  filesUnder,
  photo,
  removeDir,
  useTempStorageDir,
} from "../support/dam";
import { startAppServer, type AppServer } from "../support/http-app";
import { INTERNALS, postFile, type Measured } from "../support/hostile-http";
import { storeOfflineSession } from "../support/shopify";

const shop = "hostile.myshopify.com";
// The target is 200 ms. The app's own blocking is held to it: the main thread's CPU time inside any stall
// (hostile-http.ts), which a loaded machine does not inflate. The delay itself also counts the time the kernel
// kept the whole process off the CPU — on the shared test machine (load average ~28 on 2 cores) an idle
// process's timers already fire 200+ ms late — so its bound is a generous 5 s, while the stalls this suite exists
// for were seconds to minutes (20,000 nested <g>: ~2 min; an iCCP bomb: 14 s). `npm run bench:hostile` reports
// both against 200 ms.
const MAX_LOOP_BLOCK_CPU_MS = 200;
const MAX_EVENT_LOOP_DELAY_MS = 5_000;
const MAX_RSS_GROWTH_MB = 200;
let server: AppServer;
let dir: string;
let corpus: HostileFile[];

beforeAll(async () => {
  dir = await useTempStorageDir();
  await db.shop.create({ data: { shop } });
  await storeOfflineSession(shop);
  server = await startAppServer({
    "/app/assets/upload": uploadAction,
    "/app/products/spreadsheet": spreadsheetAction,
  });
  corpus = await hostileCorpus();
  // One ordinary upload first: the first request of a process loads and compiles modules (a one-off, not a stall).
  await send({
    id: "warm-up",
    filename: "warm-up.jpg",
    data: await photo({ seed: 99 }),
    expect: "accept",
  });
  // The filter bomb must be refused by the drawing deadline; a shorter one keeps the suite fast.
  DECODE_POLICY.svgTrialSeconds = 3;
});
afterAll(async () => {
  await server.close();
  await closeSvgSandbox();
  removeDir(dir);
});

interface Outcome extends Measured {
  file: HostileFile;
  versionId?: string;
}

async function send(file: HostileFile): Promise<Outcome> {
  const measured = await postFile(server.url, "/app/assets/upload", shop, file);
  const versionId = measured.json.versionId;
  return {
    ...measured,
    file,
    versionId: typeof versionId === "string" ? versionId : undefined,
  };
}

describe("hostile inputs through the upload route", () => {
  it("answers every file with a clear 4xx or a correct accept, never a 5xx, without stalling or leaking", async () => {
    const outcomes: Outcome[] = [];
    for (const file of corpus) {
      const versions = await db.assetVersion.count({ where: { shop } });
      const stored = filesUnder(dir).filter((f) => !f.startsWith("tmp"));
      const outcome = await send(file);
      outcomes.push(outcome);
      const label = `${file.id} → ${outcome.status} ${outcome.message}`;
      expect(outcome.status, label).toBeLessThan(500);
      if (file.expect === "accept")
        expect([200, 201], label).toContain(outcome.status);
      if (file.expect === "refuse")
        expect(outcome.status, label).toBeGreaterThanOrEqual(400);
      if (outcome.status >= 400) {
        expect(outcome.message, label).toBeTruthy();
        // Plain words: no libvips, file paths or stack traces.
        expect(outcome.message, label).not.toMatch(INTERNALS);
        if (file.message) expect(outcome.message, label).toMatch(file.message);
        expect(await db.assetVersion.count({ where: { shop } }), label).toBe(
          versions,
        );
        expect(
          filesUnder(dir).filter((f) => !f.startsWith("tmp")),
          label,
        ).toEqual(stored);
      }
      // No temp file outlives its request.
      expect(
        filesUnder(dir).filter((f) => f.startsWith("tmp")),
        label,
      ).toEqual([]);
    }

    const refused = outcomes.filter((o) => o.status >= 400);
    const accepted = outcomes.filter((o) => o.status < 400);
    const maxDelay = Math.max(...outcomes.map((o) => o.delayMs));
    const maxRss = Math.max(...outcomes.map((o) => o.rssGrowthMb));
    console.log(
      `RESULT hostile_inputs database=${process.env.DATABASE_URL?.startsWith("postgres") ? "postgresql" : "sqlite"} files=${outcomes.length} refused=${refused.length} accepted=${accepted.length} max_event_loop_delay_ms=${Math.round(maxDelay)} max_rss_growth_mb=${Math.round(maxRss)} max_loop_block_cpu_ms=${Math.max(...outcomes.map((o) => o.blockCpuMs))}`,
    );
    for (const o of outcomes)
      console.log(
        `  ${o.file.id}: ${o.status} delay=${Math.round(o.delayMs)}ms block_cpu=${o.blockCpuMs}ms rss=${Math.round(o.rssGrowthMb)}MB ${o.message.slice(0, 100)}`,
      );
    for (const o of outcomes) {
      expect(o.delayMs, o.file.id).toBeLessThan(MAX_EVENT_LOOP_DELAY_MS);
      expect(o.blockCpuMs, o.file.id).toBeLessThan(MAX_LOOP_BLOCK_CPU_MS);
      expect(o.rssGrowthMb, o.file.id).toBeLessThan(MAX_RSS_GROWTH_MB);
    }

    // What was accepted is stored safely: sanitised SVGs, clean names, clean metadata.
    const versions = await db.assetVersion.findMany({ where: { shop } });
    for (const version of versions) {
      // eslint-disable-next-line no-control-regex
      expect(version.filename).not.toMatch(/[/\\\u0000-\u001f]/);
      expect(JSON.stringify(version.metadata)).not.toMatch(/\\u000[0-8]/);
      if (version.mime === "image/svg+xml") {
        const svg = (await getStorage().get(version.storageKey)).toString(
          "utf8",
        );
        expect(svg).not.toMatch(
          /<script|onload|onclick|foreignObject|169\.254/i,
        );
      }
    }
  }, 180_000);
});

describe("hostile spreadsheets through the import route", () => {
  it("answers every file with a clear 4xx, a report or a queued import, never a 5xx; the worker refuses the bombs", async () => {
    const outcomes: Array<Measured & { id: string }> = [];
    for (const sheet of await hostileSpreadsheets()) {
      const outcome = await postFile(
        server.url,
        "/app/products/spreadsheet",
        shop,
        sheet,
        { key: "sku", intent: "dry-run" },
      );
      outcomes.push({ ...outcome, id: sheet.id });
      const message =
        outcome.message ||
        (outcome.json.fieldErrors as { file?: string[] } | undefined)
          ?.file?.[0] ||
        "";
      const label = `${sheet.id} → ${outcome.status} ${message}`;
      expect(outcome.status, label).toBeLessThan(500);
      if (sheet.expect === "accept") expect(outcome.status, label).toBe(200);
      if (sheet.expect === "refuse")
        expect(outcome.status, label).toBeGreaterThanOrEqual(400);
      if (outcome.status >= 400) {
        expect(message, label).toBeTruthy();
        expect(message, label).not.toMatch(INTERNALS);
        const fileError = JSON.stringify(outcome.json.fieldErrors ?? {});
        if (sheet.message)
          expect(`${message} ${fileError}`, label).toMatch(sheet.message);
      }
      if (outcome.json.intent !== "queued") {
        expect(sheet.workerMessage, label).toBeUndefined();
        continue;
      }
      // What the worker does with it (run here, bounded like the job; the queued job itself is dropped).
      const queued = (await latestSpreadsheetImport(shop))!;
      const { contentKey } = await db.spreadsheetImport.findFirstOrThrow({
        where: { shop, id: queued.id },
      });
      await (
        await getQueue("maintenance").getJob(
          `spreadsheet.import_${shop}_${queued.id}`,
        )
      )?.remove();
      const verdict = await runSpreadsheetImport(shop, queued.id).then(
        () => "",
        (error: Error) => error.message,
      );
      const row = await latestSpreadsheetImport(shop);
      if (sheet.workerMessage) {
        expect(row?.status, label).toBe("FAILED");
        expect(row?.error, label).toMatch(sheet.workerMessage);
        expect(row?.error, label).not.toMatch(INTERNALS);
      } else expect(verdict, label).toBe("");
      // Refused or imported, the worker is done with the file: nothing of it stays in storage.
      expect(await getStorage().has(contentKey!), label).toBe(false);
    }
    const maxDelay = Math.max(...outcomes.map((o) => o.delayMs));
    console.log(
      `RESULT hostile_spreadsheets files=${outcomes.length} refused=${outcomes.filter((o) => o.status >= 400).length} max_event_loop_delay_ms=${Math.round(maxDelay)} max_loop_block_cpu_ms=${Math.max(...outcomes.map((o) => o.blockCpuMs))}`,
    );
    for (const o of outcomes)
      console.log(
        `  ${o.id}: ${o.status} delay=${Math.round(o.delayMs)}ms block_cpu=${o.blockCpuMs}ms ${o.message.slice(0, 100)}`,
      );
    for (const o of outcomes) {
      expect(o.delayMs, o.id).toBeLessThan(MAX_EVENT_LOOP_DELAY_MS);
      expect(o.blockCpuMs, o.id).toBeLessThan(MAX_LOOP_BLOCK_CPU_MS);
    }
  }, 180_000);
});
