// Sending hostile files to the app's routes over real HTTP (test/support/http-app.ts) while watching the process:
// the event loop's worst delay, the main thread's own CPU time inside its worst stall, and the RSS growth during
// each request. Shared by the hostile-input suite and `npm run bench:hostile`.
// Why both delay and CPU: on a loaded machine (load average 20+ on 2 cores) the kernel deschedules the whole process
// for hundreds of ms, so the delay measures the machine as much as the app. The main thread's CPU time during a
// stall (from /proc, Linux) is what the app itself spent blocking the loop — JavaScript or native work on it —
// whatever the load.
import { readFileSync } from "node:fs";
import http from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { embeddedHeaders } from "./http-app";

const MB = 1024 * 1024;

export interface Measured {
  status: number;
  /** Main-thread CPU time (ms, 10 ms resolution) spent inside the worst stall over 50 ms; 0 off Linux. */
  blockCpuMs: number;
  /** The JSON body's `message` (or the text of a non-JSON body). */
  message: string;
  json: Record<string, unknown>;
  delayMs: number;
  rssGrowthMb: number;
}

/** The main thread's CPU time in ms (utime + stime of /proc/self/task/<pid>/stat), or null off Linux. */
function mainThreadCpuMs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    // stat(5) fields 14 and 15 (utime, stime), counted after the command name, in clock ticks (1/100 s).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** Watches the loop: the most main-thread CPU time spent inside one stall (a gap over 50 ms between ticks). */
function watchStalls() {
  let last = performance.now();
  let lastCpu = mainThreadCpuMs();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    const cpu = mainThreadCpuMs();
    if (now - last > 50 && cpu !== null && lastCpu !== null)
      worst = Math.max(worst, Math.min(cpu - lastCpu, now - last));
    last = now;
    lastCpu = cpu;
  }, 10);
  return () => {
    clearInterval(timer);
    return worst;
  };
}

/** A multipart body, encoded before anything is measured (the client shares this process's event loop). */
export function multipart(
  file: { filename: string; data: Buffer },
  fields: Record<string, string> = {},
) {
  const boundary = `----hostile${Math.random().toString(16).slice(2)}`;
  // The name as a browser sends it: quotes and line breaks percent-encoded, everything else raw UTF-8.
  const name = file.filename
    .replace(/"/g, "%22")
    .replace(/\r/g, "%0D")
    .replace(/\n/g, "%0A");
  const parts = Object.entries(fields).map(([key, value]) =>
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`,
    ),
  );
  const body = Buffer.concat([
    ...parts,
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

function post(
  url: string,
  headers: Record<string, string>,
  body: Buffer,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: "POST",
      headers: { ...headers, "Content-Length": String(body.length) },
    });
    let answered = false;
    request.on("response", (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          text: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    });
    // The server may answer (413) and close before the whole body is sent.
    request.on("error", (error: NodeJS.ErrnoException) =>
      error.code === "EPIPE" || error.code === "ECONNRESET"
        ? undefined
        : reject(error),
    );
    // A connection that closes without an answer is a failure to report, not a wait until the test's time-out.
    request.on("close", () => {
      if (!answered)
        reject(new Error(`${url}: the connection closed without an answer`));
    });
    request.end(body);
  });
}

/**
 * POSTs `file` (and form `fields`) to `origin + path` as `shop`'s embedded admin would, measuring the event loop's
 * worst delay and the RSS growth while the request runs.
 */
export async function postFile(
  origin: string,
  path: string,
  shop: string,
  file: { filename: string; data: Buffer },
  fields: Record<string, string> = {},
): Promise<Measured> {
  const { body, contentType } = multipart(file, fields);
  const headers = {
    ...(await embeddedHeaders(path.split("?")[0]!, shop)),
    "Content-Type": contentType,
  };
  const rss = process.memoryUsage().rss;
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const stopWatching = watchStalls();
  const response = await post(`${origin}${path}`, headers, body);
  // The monitor records a stall when its timer fires after it: a stall that ends with the response (the route's
  // last synchronous work) is only seen once the loop has reached its timers again.
  await new Promise((resolve) => setTimeout(resolve, 20));
  delay.disable();
  const blockCpuMs = stopWatching();
  const json = (() => {
    try {
      return JSON.parse(response.text) as Record<string, unknown>;
    } catch {
      return { message: response.text };
    }
  })();
  return {
    status: response.status,
    message: typeof json.message === "string" ? json.message : "",
    json,
    delayMs: delay.max / 1e6,
    blockCpuMs,
    rssGrowthMb: (process.memoryUsage().rss - rss) / MB,
  };
}

/** Words a merchant should never see in a refusal: libvips, file paths, stack traces. */
export const INTERNALS = /vips|\/tmp\/|\bat \w+ \(|Error:|jpeg_|png_|heif_/i;
