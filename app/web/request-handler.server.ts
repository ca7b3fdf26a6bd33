// Express → Remix, with the body limits of body-limits.server.ts applied before the route runs. This replaces
// @remix-run/express's createRequestHandler, which hands the raw request stream to Remix: a route that reads
// the body (request.formData(), a webhook's request.text()) then buffered all of it, however large, before any
// check (a 300 MB POST with a wrong HMAC grew RSS by 1.2 GB before its 401).
import type { Socket } from "node:net";
import { Transform } from "node:stream";
import {
  createReadableStreamFromReadable,
  writeReadableStreamToWritable,
} from "@remix-run/node";
import type {
  NextFunction,
  Request as ExpressRequest,
  Response,
} from "express";
import {
  bodyRuleFor,
  tooLargeMessage,
  type BodyRule,
} from "./body-limits.server";

export type HandleRequest = (request: Request) => Promise<globalThis.Response>;

/** How long a refused request's remaining bytes are still taken in (and dropped) before the socket goes. */
const LINGER_MS = 2_000;

/**
 * Answers now, without keeping any of the body, and closes the connection once the answer is out. Closing is a
 * "lingering close", as nginx and Apache do it: the server half-closes and drops what the client still sends for
 * up to LINGER_MS. Destroying the socket with the client's bytes still arriving sends a reset, and the reset makes
 * the client's system throw away the answer it has not read yet: an uploading browser saw "connection reset", not
 * the 413's message.
 */
function refuse(
  req: ExpressRequest,
  res: Response,
  status: number,
  message: string,
) {
  if (res.headersSent) return;
  res
    .status(status)
    .set("Connection", "close")
    .type("text/plain; charset=utf-8")
    .send(message);
  lingerOnClose(req.socket);
}

/**
 * Node's server closes a `Connection: close` socket with destroySoon(): it destroys the socket as soon as the answer
 * is written, with the client's bytes still arriving. This socket's destroySoon half-closes instead and drops what
 * comes in until the client has closed too, for at most LINGER_MS.
 */
function lingerOnClose(socket: Socket) {
  socket.destroySoon = function lingeringClose(this: Socket) {
    this.end();
    this.removeAllListeners("data"); // the HTTP parser's: nothing more is parsed
    this.resume(); // flowing with no listener: what arrives is dropped
    const timer = setTimeout(() => this.destroy(), LINGER_MS);
    timer.unref();
    this.once("end", () => this.destroy());
    this.once("close", () => clearTimeout(timer));
  };
}

function limitedBody(req: ExpressRequest, res: Response, rule: BodyRule) {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen <= rule.limit) {
        done(null, chunk);
        return;
      }
      req.unpipe(counter);
      req.pause();
      refuse(req, res, 413, tooLargeMessage(rule));
      done(new Error(tooLargeMessage(rule)));
    },
  });
  req.on("error", (error) => counter.destroy(error));
  return req.pipe(counter);
}

function headersOf(req: ExpressRequest): Headers {
  const headers = new Headers();
  for (const [key, values] of Object.entries(req.headers)) {
    if (values === undefined) continue;
    for (const value of Array.isArray(values) ? values : [values])
      headers.append(key, value);
  }
  return headers;
}

async function send(res: Response, response: globalThis.Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? ""))
    res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

function remixRequest(
  req: ExpressRequest,
  res: Response,
  rule: BodyRule,
): Request {
  const url = new URL(
    req.originalUrl,
    `${req.protocol}://${req.get("host") ?? "localhost"}`,
  );
  let controller: AbortController | null = new AbortController();
  const init: RequestInit & { duplex?: "half" } = {
    method: req.method,
    headers: headersOf(req),
    signal: controller.signal,
  };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = createReadableStreamFromReadable(limitedBody(req, res, rule));
    init.duplex = "half";
  }
  // Abort the loader/action when the client goes away before the answer is written.
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  return new Request(url.href, init);
}

export function requestHandler(handle: HandleRequest) {
  return async (req: ExpressRequest, res: Response, next: NextFunction) => {
    try {
      const rule = bodyRuleFor(req.path);
      if (req.method !== "GET" && req.method !== "HEAD") {
        if (rule.requiredHeader && !req.headers[rule.requiredHeader]) {
          refuse(req, res, 401, "Unauthorized");
          return;
        }
        const declared = Number(req.headers["content-length"] ?? 0);
        if (declared > rule.limit) {
          refuse(req, res, 413, tooLargeMessage(rule));
          return;
        }
      }
      const response = await handle(remixRequest(req, res, rule));
      // A body cut off at its limit has been answered already.
      if (res.headersSent) return;
      await send(res, response);
    } catch (error) {
      if (!res.headersSent) next(error);
    }
  };
}
