// POST /admin/oauth/access_token: token exchange (a session token → an access token) and refresh, as
// shopify-api 15 calls them (lib/auth/oauth/token-exchange.ts, refresh-token.ts).
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { ShopifyEmulator } from "./emulator";
import { jsonResponse } from "./respond";

const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
const OFFLINE = "urn:shopify:params:oauth:token-type:offline-access-token";
const ACCESS_TOKEN_LIFETIME_S = 3600;
const REFRESH_TOKEN_LIFETIME_S = 90 * 24 * 3600;

function oauthError(
  error: string,
  description: string,
  status = 400,
): Response {
  return jsonResponse({ error, error_description: description }, { status });
}

/** Verifies an HS256 session token signed with the app secret; returns its claims or null. */
export function verifySessionToken(
  token: string,
  secret: string,
): Record<string, unknown> | null {
  const [header, payload, signature] = token.split(".");
  if (!header || !payload || !signature) return null;
  const expected = createHmac("sha256", secret)
    .update(`${header}.${payload}`)
    .digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return null;
  try {
    return JSON.parse(
      Buffer.from(payload, "base64url").toString("utf8"),
    ) as Record<string, unknown>;
  } catch {
    return null;
  }
}

async function readBody(request: Request): Promise<Record<string, string>> {
  const text = await request.text();
  if ((request.headers.get("content-type") ?? "").includes("application/json"))
    return JSON.parse(text) as Record<string, string>;
  return Object.fromEntries(new URLSearchParams(text));
}

export async function answerAccessToken(
  emulator: ShopifyEmulator,
  domain: string,
  request: Request,
): Promise<Response> {
  if (!emulator.hasShop(domain))
    return oauthError("shop_not_found", `Unknown shop ${domain}`, 404);
  const body = await readBody(request);
  if (
    body.client_id !== emulator.apiKey ||
    body.client_secret !== emulator.apiSecret
  ) {
    return oauthError("invalid_client", "Client authentication failed.", 401);
  }
  const shop = emulator.shop(domain);
  const scope =
    "read_products,write_products,read_files,write_files,read_locales,read_markets";
  const now = Date.now();

  if (body.grant_type === TOKEN_EXCHANGE) {
    const claims = body.subject_token
      ? verifySessionToken(body.subject_token, emulator.apiSecret)
      : null;
    if (!claims)
      return oauthError(
        "invalid_subject_token",
        "The session token is not signed with the app's secret.",
      );
    const seconds = now / 1000;
    if (claims.dest !== `https://${domain}` || claims.aud !== emulator.apiKey) {
      return oauthError(
        "invalid_subject_token",
        "The session token is for another shop or app.",
      );
    }
    if (
      typeof claims.exp !== "number" ||
      claims.exp < seconds ||
      (typeof claims.nbf === "number" && claims.nbf > seconds + 5)
    ) {
      return oauthError(
        "invalid_subject_token",
        "The session token has expired.",
      );
    }
    const online = body.requested_token_type !== OFFLINE;
    const expiring = online || body.expiring === "1";
    const accessToken = `${online ? "shpua" : "shpat"}_${randomBytes(16).toString("hex")}`;
    const refreshToken =
      expiring && !online ? `shprt_${randomBytes(16).toString("hex")}` : null;
    const lifetime = online ? 86_400 : ACCESS_TOKEN_LIFETIME_S;
    shop.tokens.set(accessToken, {
      accessToken,
      scope,
      expiresAt: expiring ? now + lifetime * 1000 : null,
      refreshToken,
      refreshTokenExpiresAt: refreshToken
        ? now + REFRESH_TOKEN_LIFETIME_S * 1000
        : null,
      online,
    });
    return jsonResponse({
      access_token: accessToken,
      scope,
      ...(expiring ? { expires_in: lifetime } : {}),
      ...(refreshToken
        ? {
            refresh_token: refreshToken,
            refresh_token_expires_in: REFRESH_TOKEN_LIFETIME_S,
          }
        : {}),
      ...(online
        ? {
            associated_user_scope: scope,
            associated_user: {
              id: Number(claims.sub),
              first_name: "Demo",
              last_name: "Merchant",
              email: "merchant@example.com",
              account_owner: true,
              locale: "en",
              collaborator: false,
              email_verified: true,
            },
          }
        : {}),
    });
  }

  if (body.grant_type === "refresh_token") {
    const record = [...shop.tokens.values()].find(
      (t) => t.refreshToken && t.refreshToken === body.refresh_token,
    );
    if (
      !record ||
      (record.refreshTokenExpiresAt !== null &&
        record.refreshTokenExpiresAt < now)
    ) {
      return oauthError(
        "invalid_grant",
        "The refresh token is invalid, expired or already used.",
      );
    }
    // Refresh tokens rotate: the old pair stops working.
    shop.tokens.delete(record.accessToken);
    const accessToken = `shpat_${randomBytes(16).toString("hex")}`;
    const refreshToken = `shprt_${randomBytes(16).toString("hex")}`;
    shop.tokens.set(accessToken, {
      accessToken,
      scope: record.scope,
      expiresAt: now + ACCESS_TOKEN_LIFETIME_S * 1000,
      refreshToken,
      refreshTokenExpiresAt: now + REFRESH_TOKEN_LIFETIME_S * 1000,
      online: false,
    });
    return jsonResponse({
      access_token: accessToken,
      scope: record.scope,
      expires_in: ACCESS_TOKEN_LIFETIME_S,
      refresh_token: refreshToken,
      refresh_token_expires_in: REFRESH_TOKEN_LIFETIME_S,
    });
  }

  return oauthError(
    "unsupported_grant_type",
    `The emulator supports token exchange and refresh, not ${body.grant_type}.`,
  );
}
