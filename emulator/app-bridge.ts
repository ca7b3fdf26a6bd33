// Stand-ins for what the Shopify admin gives an embedded app, so the app can be opened in a plain browser
// (the demo, e2e tests) without admin.shopify.com or cdn.shopify.com:
// - GET /shopifycloud/app-bridge.js — a small App Bridge: `window.shopify` (config, idToken, toast, loading,
//   the save bar of app-bridge-save-bar.ts),
//   session-token Authorization on the app's own fetches (as App Bridge v4 does), and a rendered <ui-nav-menu>.
// - GET /__emulator/session-token?shop= — a session token signed with the app secret, like the admin mints.
// - `shopify.resourcePicker()` — the product/variant picker (see resource-picker.ts).
import { createHmac, randomUUID } from "node:crypto";
import { SAVE_BAR_SOURCE } from "./app-bridge-save-bar";
import type { ShopifyEmulator } from "./emulator";
import { resourcePickerSource } from "./resource-picker";
import { jsonResponse } from "./respond";

/** An HS256 session token with the claims Shopify's admin puts in one (and shopify-api verifies). */
export function mintSessionToken(
  emulator: ShopifyEmulator,
  shop: string,
  userId = 1,
): string {
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: unknown) =>
    Buffer.from(JSON.stringify(value)).toString("base64url");
  const header = encode({ alg: "HS256", typ: "JWT" });
  const payload = encode({
    iss: `https://${shop}/admin`,
    dest: `https://${shop}`,
    aud: emulator.apiKey,
    sub: String(userId),
    exp: now + 60,
    nbf: now - 5,
    iat: now,
    jti: randomUUID(),
    sid: randomUUID(),
  });
  const signature = createHmac("sha256", emulator.apiSecret)
    .update(`${header}.${payload}`)
    .digest("base64url");
  return `${header}.${payload}.${signature}`;
}

export function answerSessionToken(
  emulator: ShopifyEmulator,
  request: Request,
): Response {
  const shop = new URL(request.url).searchParams.get("shop") ?? "";
  const cors = {
    "Access-Control-Allow-Origin": "*",
    "Cache-Control": "no-store",
  };
  if (!emulator.hasShop(shop))
    return jsonResponse(
      { error: "unknown shop" },
      { status: 404, headers: cors },
    );
  return jsonResponse(
    { token: mintSessionToken(emulator, shop) },
    { headers: cors },
  );
}

/**
 * GET /__emulator/admin?shop= — opens the app as the Shopify admin would: its app URL in embedded mode with a
 * fresh session token (the app exchanges it for an access token on first load).
 */
export function answerAdminRedirect(
  emulator: ShopifyEmulator,
  request: Request,
): Response {
  const shop = new URL(request.url).searchParams.get("shop") ?? "";
  if (!emulator.appUrl || !emulator.hasShop(shop))
    return jsonResponse(
      { error: "unknown shop or no app URL" },
      { status: 404 },
    );
  const target = new URL("/app", emulator.appUrl);
  target.searchParams.set("embedded", "1");
  target.searchParams.set("shop", shop);
  target.searchParams.set(
    "host",
    Buffer.from(
      `admin.shopify.com/store/${shop.replace(".myshopify.com", "")}`,
    ).toString("base64url"),
  );
  target.searchParams.set("id_token", mintSessionToken(emulator, shop));
  return new Response(null, {
    status: 302,
    headers: { Location: target.toString() },
  });
}

export function appBridgeScript(
  tokenEndpoint: string,
  pickerEndpoint: string,
): Response {
  const source = `(() => {
  const script = document.currentScript;
  const params = new URLSearchParams(location.search);
  const shop = params.get("shop") || sessionStorage.getItem("vitrine.shop") || "";
  const host = params.get("host") || sessionStorage.getItem("vitrine.host") || "";
  if (shop) sessionStorage.setItem("vitrine.shop", shop);
  if (host) sessionStorage.setItem("vitrine.host", host);
  let cached = null;
  async function idToken() {
    if (cached && cached.expires > Date.now()) return cached.token;
    const response = await fetch(${JSON.stringify(tokenEndpoint)} + "?shop=" + encodeURIComponent(shop));
    const { token } = await response.json();
    cached = { token, expires: Date.now() + 45000 };
    return token;
  }
  const originalFetch = window.fetch.bind(window);
  window.fetch = async (input, init = {}) => {
    const url = new URL(typeof input === "string" ? input : input.url, location.href);
    if (url.origin !== location.origin) return originalFetch(input, init);
    const headers = new Headers(init.headers || (typeof input === "string" ? undefined : input.headers));
    if (!headers.has("Authorization")) headers.set("Authorization", "Bearer " + (await idToken()));
    return originalFetch(input, { ...init, headers });
  };
  const toasts = document.createElement("div");
  toasts.setAttribute("data-app-bridge-toasts", "");
  toasts.style.cssText = "position:fixed;bottom:16px;left:50%;transform:translateX(-50%);z-index:9999;display:grid;gap:8px";
  ${resourcePickerSource(pickerEndpoint)}
  window.shopify = {
    resourcePicker,
    config: { apiKey: script ? script.dataset.apiKey : "", shop, host },
    idToken,
    loading() {},
    toast: {
      show(message, options = {}) {
        const toast = document.createElement("div");
        toast.setAttribute("role", "status");
        toast.textContent = message;
        toast.style.cssText = "background:" + (options.isError ? "#8e1f0b" : "#303030") + ";color:#fff;padding:8px 14px;border-radius:8px;font:14px system-ui";
        if (!toasts.isConnected) document.body.appendChild(toasts);
        toasts.appendChild(toast);
        setTimeout(() => toast.remove(), options.duration || 3000);
      },
    },
  };
${SAVE_BAR_SOURCE}
  class NavMenu extends HTMLElement {
    connectedCallback() {
      this.style.cssText = "display:flex;gap:16px;padding:10px 20px;background:#1a1a1a;font:14px system-ui";
      for (const link of this.querySelectorAll("a")) link.style.color = link.getAttribute("rel") === "home" ? "#fff" : "#c9cccf";
    }
  }
  if (!customElements.get("ui-nav-menu")) customElements.define("ui-nav-menu", NavMenu);
})();`;
  return new Response(source, {
    headers: {
      "Content-Type": "text/javascript",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
