// The hostile-input suite (issue #10): every file of scripts/hostile-corpus.ts goes through the real upload route
// over HTTP (body limits, busboy, ingest). Each must get a clear 4xx or a correct accept — never a 5xx — while the
// event loop stays responsive and memory bounded, and a refusal must leave nothing in storage or the database.
import http from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { DECODE_POLICY } from "~/dam/decode.server";
import { getStorage } from "~/dam/storage.server";
import { closeSvgSandbox } from "~/dam/svg.server";
import { action as uploadAction } from "~/routes/app.assets.upload";
import { hostileCorpus, type HostileFile } from "../../scripts/hostile-corpus";
import {
  filesUnder,
  photo,
  removeDir,
  useTempStorageDir,
} from "../support/dam";
import {
  embeddedHeaders,
  startAppServer,
  type AppServer,
} from "../support/http-app";
import { storeOfflineSession } from "../support/shopify";

const shop = "hostile.myshopify.com";
const MB = 1024 * 1024;
// The target is 200 ms (printed in the RESULT line). The assertion allows 1 s: on the shared test machine (load
// average ~28 on 2 cores) an idle process's timers already fire 200+ ms late, while the stalls this suite exists
// for were seconds to minutes (20,000 nested <g>: ~2 min; an iCCP bomb: 14 s).
const MAX_EVENT_LOOP_DELAY_MS = 1_000;
const MAX_RSS_GROWTH_MB = 200;
let server: AppServer;
let dir: string;
let corpus: HostileFile[];

beforeAll(async () => {
  dir = await useTempStorageDir();
  await db.shop.create({ data: { shop } });
  await storeOfflineSession(shop);
  server = await startAppServer({ "/app/assets/upload": uploadAction });
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

interface Outcome {
  file: HostileFile;
  status: number;
  message: string;
  versionId?: string;
  delayMs: number;
  rssGrowthMb: number;
}

/** The multipart body, encoded before anything is measured (the client shares this process's event loop). */
function multipart(file: HostileFile) {
  const boundary = `----hostile${Math.random().toString(16).slice(2)}`;
  // The name as a browser sends it: quotes and line breaks percent-encoded, everything else raw UTF-8.
  const name = file.filename
    .replace(/"/g, "%22")
    .replace(/\r/g, "%0D")
    .replace(/\n/g, "%0A");
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

function post(
  headers: Record<string, string>,
  body: Buffer,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${server.url}/app/assets/upload`, {
      method: "POST",
      headers: { ...headers, "Content-Length": String(body.length) },
    });
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          text: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    });
    request.on("error", reject);
    request.end(body);
  });
}

async function send(file: HostileFile): Promise<Outcome> {
  const { body, contentType } = multipart(file);
  const headers = {
    ...(await embeddedHeaders("/app/assets/upload", shop)),
    "Content-Type": contentType,
  };
  const rss = process.memoryUsage().rss;
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const response = await post(headers, body);
  delay.disable();
  const text = response.text;
  const json = (() => {
    try {
      return JSON.parse(text) as { message?: string; versionId?: string };
    } catch {
      return { message: text };
    }
  })();
  return {
    file,
    status: response.status,
    message: json.message ?? "",
    versionId: json.versionId,
    delayMs: delay.max / 1e6,
    rssGrowthMb: (process.memoryUsage().rss - rss) / MB,
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
        expect(outcome.message, label).not.toMatch(
          /vips|\/tmp\/|\bat \w+ \(|Error:|jpeg_|png_|heif_/i,
        );
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
      `RESULT hostile_inputs database=${process.env.DATABASE_URL?.startsWith("postgres") ? "postgresql" : "sqlite"} files=${outcomes.length} refused=${refused.length} accepted=${accepted.length} max_event_loop_delay_ms=${Math.round(maxDelay)} max_rss_growth_mb=${Math.round(maxRss)}`,
    );
    for (const o of outcomes)
      console.log(
        `  ${o.file.id}: ${o.status} delay=${Math.round(o.delayMs)}ms rss=${Math.round(o.rssGrowthMb)}MB ${o.message.slice(0, 100)}`,
      );
    for (const o of outcomes) {
      expect(o.delayMs, o.file.id).toBeLessThan(MAX_EVENT_LOOP_DELAY_MS);
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
