// The app's HTTP layer (app/web/request-handler.server.ts: body limits, Express → Remix) on a real port, with
// route modules' actions mounted by path — what `npm start` serves, minus the Remix build.
import type { AddressInfo } from "node:net";
import type { ActionFunctionArgs } from "@remix-run/node";
import express from "express";
import { requestHandler } from "~/web/request-handler.server";
import { APP_URL } from "@shopify/shopify-api/test-helpers";
import { embeddedFetchRequest } from "./shopify";

type Action = (args: ActionFunctionArgs) => Promise<unknown>;

export interface AppServer {
  url: string;
  close(): Promise<void>;
}

export async function startAppServer(
  actions: Record<string, Action>,
): Promise<AppServer> {
  const app = express();
  const handle = requestHandler(async (incoming) => {
    const url = new URL(incoming.url);
    const action = actions[url.pathname];
    if (!action) return new Response("Not Found", { status: 404 });
    // The routes see the app's public URL, as behind the real proxy.
    const request = new Request(`${APP_URL}${url.pathname}${url.search}`, {
      method: incoming.method,
      headers: incoming.headers,
      body: incoming.body,
      signal: incoming.signal,
      duplex: "half",
    } as RequestInit);
    try {
      const result = await action({ request, params: {}, context: {} });
      return result instanceof Response ? result : Response.json(result);
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  });
  app.all("*", (req, res, next) => {
    handle(req, res, next).catch(next);
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The headers App Bridge would send for `shop` (bearer session token, browser user agent). */
export async function embeddedHeaders(
  path: string,
  shop: string,
): Promise<Record<string, string>> {
  const request = await embeddedFetchRequest(path, shop, { method: "POST" });
  return Object.fromEntries(request.headers.entries());
}
