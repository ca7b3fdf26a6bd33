// Body limits by route class, over real HTTP (issue #10 item 2): nothing over a limit is read, memory stays flat.
import http from "node:http";
import net from "node:net";
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { action as uploadAction } from "~/routes/app.assets.upload";
import { action as settingsAction } from "~/routes/app.attributes";
import { action as productsUpdateAction } from "~/routes/webhooks.products.update";
import { photo, removeDir, useTempStorageDir } from "../support/dam";
import {
  embeddedHeaders,
  startAppServer,
  type AppServer,
} from "../support/http-app";
import { storeOfflineSession } from "../support/shopify";

const shop = "limits.myshopify.com";
let server: AppServer;
let dir: string;

beforeAll(async () => {
  dir = await useTempStorageDir();
  await db.shop.create({ data: { shop } });
  await storeOfflineSession(shop);
  server = await startAppServer({
    "/app/assets/upload": uploadAction,
    "/app/attributes": settingsAction,
    "/webhooks/products/update": productsUpdateAction,
  });
});
afterAll(async () => {
  await server.close();
  removeDir(dir);
});

interface Sent {
  status: number;
  body: string;
}

/**
 * POSTs `total` bytes in 64 KB chunks (declared with Content-Length unless `chunked`), stopping when the server
 * answers or closes. Resolves with the answer.
 */
function post(
  pathname: string,
  headers: Record<string, string>,
  total: number,
  chunked = false,
): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${server.url}${pathname}`, {
      method: "POST",
      headers: {
        ...headers,
        ...(chunked
          ? { "Transfer-Encoding": "chunked" }
          : { "Content-Length": String(total) }),
      },
    });
    let sent = 0;
    let answered = false;
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const pump = () => {
      while (!answered && sent < total) {
        const piece = chunk.subarray(0, Math.min(chunk.length, total - sent));
        sent += piece.length;
        if (!request.write(piece)) {
          request.once("drain", pump);
          return;
        }
      }
      if (!answered) request.end();
    };
    request.on("response", (response) => {
      answered = true;
      let body = "";
      response.on("data", (d: Buffer) => (body += d.toString()));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, body }),
      );
      response.on("error", reject);
    });
    // The server closes the connection after refusing: the writes that were in flight fail, the answer stands.
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    pump();
  });
}

const MB = 1024 * 1024;

describe("request body limits", () => {
  it("refuses a 300 MB webhook unread: 401 without the HMAC header, 413 with one, RSS flat", async () => {
    const before = process.memoryUsage().rss;
    const unsigned = await post(
      "/webhooks/products/update",
      { "Content-Type": "application/json" },
      300 * MB,
    );
    expect(unsigned.status).toBe(401);
    const declared = await post(
      "/webhooks/products/update",
      { "Content-Type": "application/json", "X-Shopify-Hmac-Sha256": "forged" },
      300 * MB,
    );
    expect(declared).toMatchObject({
      status: 413,
      body: expect.stringMatching(/webhook can be at most 1 MB/),
    });
    const chunked = await post(
      "/webhooks/products/update",
      { "Content-Type": "application/json", "X-Shopify-Hmac-Sha256": "forged" },
      300 * MB,
      true,
    );
    expect(chunked.status).toBe(413);
    expect(process.memoryUsage().rss - before).toBeLessThan(40 * MB);
  });

  it("lets a client that is still sending read its 413: the server stops reading without resetting the answer", async () => {
    // A browser uploading a large file reads the answer only once it is done writing. A server that destroys its
    // socket with the client's bytes still arriving sends a reset, and a reset throws away the answer waiting in
    // the client's buffer: the merchant saw "connection reset" instead of the 413's message.
    const { port } = new URL(server.url);
    const socket = net.connect(Number(port), "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.pause(); // not reading yet, like the uploading browser
    const received: Buffer[] = [];
    const ended = new Promise<string>((resolve) => {
      socket.on("data", (chunk: Buffer) => received.push(chunk));
      socket.on("end", () => resolve("end"));
      socket.on("error", (error: NodeJS.ErrnoException) =>
        resolve(error.code ?? "error"),
      );
    });
    socket.on("error", () => undefined);
    socket.write(
      "POST /webhooks/products/update HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
        `X-Shopify-Hmac-Sha256: forged\r\nContent-Length: ${300 * MB}\r\n\r\n`,
    );
    const chunk = Buffer.alloc(256 * 1024, 0x61);
    for (let i = 0; i < 8; i += 1) {
      socket.write(chunk);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    socket.resume();
    await ended;
    socket.destroy();
    const answer = Buffer.concat(received).toString("utf8");
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer).toMatch(/webhook can be at most 1 MB/);
  });

  it("refuses a form body over 1 MB, declared or streamed", async () => {
    const headers = {
      ...(await embeddedHeaders("/app/attributes", shop)),
      "Content-Type": "application/x-www-form-urlencoded",
    };
    expect((await post("/app/attributes", headers, 2 * MB)).status).toBe(413);
    expect((await post("/app/attributes", headers, 2 * MB, true)).status).toBe(
      413,
    );
  });

  it("streams an upload to disk and refuses it at the upload limit while it streams, leaving no temp file", async () => {
    const previous = process.env.DAM_MAX_UPLOAD_BYTES;
    process.env.DAM_MAX_UPLOAD_BYTES = String(2 * MB);
    try {
      const boundary = "----vitrine-test";
      const headers = {
        ...(await embeddedHeaders("/app/assets/upload", shop)),
        "Content-Type": `multipart/form-data; boundary=${boundary}`,
      };
      // Declared over the limit (+1 MB framing): refused before reading.
      expect((await post("/app/assets/upload", headers, 10 * MB)).status).toBe(
        413,
      );
      // Streamed: the multipart file part is cut at the limit by ingest's own meter.
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      );
      const big = await new Promise<Sent>((resolve, reject) => {
        const request = http.request(`${server.url}/app/assets/upload`, {
          method: "POST",
          headers: { ...headers, "Transfer-Encoding": "chunked" },
        });
        request.on("response", (response) => {
          let body = "";
          response.on("data", (d: Buffer) => (body += d.toString()));
          response.on("end", () =>
            resolve({ status: response.statusCode ?? 0, body }),
          );
        });
        request.on("error", reject);
        request.write(head);
        request.write(Buffer.alloc(Math.round(2.5 * MB), 1));
        request.end(`\r\n--${boundary}--\r\n`);
      });
      expect(big.status).toBe(413);
      expect(JSON.parse(big.body)).toMatchObject({
        message: "the file is larger than the 2 MB limit",
      });
      const tmp = path.join(dir, "tmp");
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      if (previous === undefined) delete process.env.DAM_MAX_UPLOAD_BYTES;
      else process.env.DAM_MAX_UPLOAD_BYTES = previous;
    }
    expect(await db.asset.count({ where: { shop } })).toBe(0);
  });

  it("accepts file names that used to break the multipart parser (size=M.jpg, a;b.jpg) and keeps them", async () => {
    for (const [i, name] of [
      "size=M.jpg",
      "a;b=c.jpg",
      "été 😀.jpg",
    ].entries()) {
      const body = new FormData();
      body.append(
        "file",
        new Blob([new Uint8Array(await photo({ seed: 40 + i }))]),
        name,
      );
      const response = await fetch(`${server.url}/app/assets/upload`, {
        method: "POST",
        headers: await embeddedHeaders("/app/assets/upload", shop),
        body,
      });
      expect(response.status).toBe(201);
      const { versionId } = (await response.json()) as { versionId: string };
      const version = await db.assetVersion.findUniqueOrThrow({
        where: { id: versionId },
      });
      expect(version.filename).toBe(name);
    }
  });
});
