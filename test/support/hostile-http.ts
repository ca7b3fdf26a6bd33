// Sending hostile files to the app's routes over real HTTP (test/support/http-app.ts) while watching the process:
// the event loop's worst delay and the RSS growth during each request. Shared by the hostile-input suite and
// `npm run bench:hostile`.
import http from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { embeddedHeaders } from "./http-app";

const MB = 1024 * 1024;

export interface Measured {
  status: number;
  /** The JSON body's `message` (or the text of a non-JSON body). */
  message: string;
  json: Record<string, unknown>;
  delayMs: number;
  rssGrowthMb: number;
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
    // The server may answer (413) and close before the whole body is sent.
    request.on("error", (error: NodeJS.ErrnoException) =>
      error.code === "EPIPE" || error.code === "ECONNRESET"
        ? undefined
        : reject(error),
    );
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
  const response = await post(`${origin}${path}`, headers, body);
  // The monitor records a stall when its timer fires after it: a stall that ends with the response (the route's
  // last synchronous work) is only seen once the loop has reached its timers again.
  await new Promise((resolve) => setTimeout(resolve, 20));
  delay.disable();
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
    rssGrowthMb: (process.memoryUsage().rss - rss) / MB,
  };
}

/** Words a merchant should never see in a refusal: libvips, file paths, stack traces. */
export const INTERNALS = /vips|\/tmp\/|\bat \w+ \(|Error:|jpeg_|png_|heif_/i;
