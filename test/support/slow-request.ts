// An HTTP request caught in flight: its headers and half its body sent, the rest held back until the test says so
// (a web process told to stop while it is reading a request must still answer it).
import { request as httpRequest } from "node:http";

/** Sends a request whose body arrives slowly: headers and half the body now, the rest when `finish` is called. */
export function slowRequest(
  url: string,
  init: { headers: Headers; body: string },
) {
  const target = new URL(url);
  const headers: Record<string, string> = {};
  init.headers.forEach((value, name) => (headers[name] = value));
  headers["content-length"] = String(Buffer.byteLength(init.body));
  const request = httpRequest({
    host: target.hostname,
    port: target.port,
    path: target.pathname,
    method: "POST",
    headers,
  });
  const half = Math.floor(init.body.length / 2);
  request.write(init.body.slice(0, half));
  const response = new Promise<{ status: number; body: string }>(
    (resolve, reject) => {
      request.on("error", reject);
      request.on("response", (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
    },
  );
  return {
    response,
    finish: () => request.end(init.body.slice(half)),
  };
}
