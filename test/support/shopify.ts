// Builders for requests Shopify (or the admin iframe) would send, signed with shopify-api's test helpers.
import { randomUUID } from "node:crypto";
import {
  API_KEY,
  API_SECRET_KEY,
  APP_URL,
  getHmac,
  RequestType,
  setUpValidRequest,
  setUpValidSession,
} from "@shopify/shopify-api/test-helpers";

/** authenticate.admin answers 410 to bot-like user agents (node, undici, curl); tests are a browser. */
export const BROWSER_USER_AGENT =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

export function storeName(shop: string): string {
  return shop.replace(/\.myshopify\.com$/, "");
}

/** Stores an offline session for `shop`, as token exchange would have. */
export async function storeOfflineSession(shop: string) {
  const { sessionStorage } = await import("~/shopify.server");
  const session = setUpValidSession({ shop });
  await sessionStorage.storeSession(session);
  return session;
}

/** Stores an offline session holding `accessToken` (one the store emulator issued). */
export async function storeOfflineSessionWithToken(
  shop: string,
  accessToken: string,
) {
  const { sessionStorage } = await import("~/shopify.server");
  const session = setUpValidSession({ shop, accessToken });
  await sessionStorage.storeSession(session);
  return session;
}

/** A document load of an embedded page, as the admin iframe makes it (id_token in the query string). */
export async function embeddedDocumentRequest(
  path: string,
  shop: string,
  init: RequestInit = {},
): Promise<Request> {
  const request = new Request(`${APP_URL}${path}`, {
    ...init,
    headers: { "User-Agent": BROWSER_USER_AGENT, ...init.headers },
  });
  return setUpValidRequest(
    {
      type: RequestType.Admin,
      store: storeName(shop),
      apiKey: API_KEY,
      apiSecretKey: API_SECRET_KEY,
    },
    request,
  );
}

/** A fetch from the embedded app (App Bridge adds the session token as a bearer header). */
export async function embeddedFetchRequest(
  path: string,
  shop: string,
  init: RequestInit = {},
): Promise<Request> {
  const request = new Request(`${APP_URL}${path}`, {
    ...init,
    headers: { "User-Agent": BROWSER_USER_AGENT, ...init.headers },
  });
  return setUpValidRequest(
    {
      type: RequestType.Bearer,
      store: storeName(shop),
      apiKey: API_KEY,
      apiSecretKey: API_SECRET_KEY,
    },
    request,
  );
}

export interface WebhookDelivery {
  topic: string;
  shop: string;
  payload: unknown;
  webhookId?: string;
  /** Defaults to the app's secret; pass another to forge a bad signature. */
  secret?: string;
  apiVersion?: string;
}

/** A webhook delivery with Shopify's headers and an HMAC of the raw body. */
export function webhookRequest(delivery: WebhookDelivery): Request {
  const body = JSON.stringify(delivery.payload);
  return new Request(`${APP_URL}/webhooks/${delivery.topic}`, {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/json",
      "User-Agent": "Shopify-Captain-Hook",
      "X-Shopify-Hmac-Sha256": getHmac(body, delivery.secret ?? API_SECRET_KEY),
      "X-Shopify-Topic": delivery.topic,
      "X-Shopify-Shop-Domain": delivery.shop,
      "X-Shopify-API-Version": delivery.apiVersion ?? "2026-10",
      "X-Shopify-Webhook-Id": delivery.webhookId ?? randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
      "X-Shopify-Event-Id": randomUUID(),
    },
  });
}

export function routeArgs(request: Request) {
  return { request, params: {}, context: {} };
}
