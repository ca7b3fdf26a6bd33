// The one shopifyApp() of the app: embedded auth with token exchange and expiring offline tokens, sessions in
// Prisma, Admin API 2026-10. Everything Shopify-facing imports from here.
import "@shopify/shopify-app-remix/adapters/node";
import {
  ApiVersion,
  AppDistribution,
  LogSeverity,
  shopifyApp,
} from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import db from "./db.server";
import { env } from "./env.server";
import { logger } from "./lib/logger.server";
import { recordInstall } from "./shop/install.server";
import { routedFetch, setShopifyFetch } from "./shopify/api-origin.server";

const config = env();

const logLevels: Record<LogSeverity, "error" | "warn" | "info" | "debug"> = {
  [LogSeverity.Error]: "error",
  [LogSeverity.Warning]: "warn",
  [LogSeverity.Info]: "info",
  [LogSeverity.Debug]: "debug",
};
const shopifyLogger = logger.child({ module: "shopify-api" });
const log = (severity: LogSeverity, message: string) =>
  shopifyLogger[logLevels[severity]](message);

export const apiVersion = ApiVersion.October26;

if (config.SHOPIFY_API_ORIGIN)
  setShopifyFetch(routedFetch(config.SHOPIFY_API_ORIGIN));

const shopify = shopifyApp({
  apiKey: config.SHOPIFY_API_KEY,
  apiSecretKey: config.SHOPIFY_API_SECRET,
  apiVersion,
  scopes: config.SCOPES.split(","),
  appUrl: config.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  // The storage is typed against the classic '@prisma/client'; ours is the same model from the newer generator.
  sessionStorage: new PrismaSessionStorage(
    db as unknown as ConstructorParameters<typeof PrismaSessionStorage>[0],
  ),
  distribution: AppDistribution.AppStore,
  future: {
    unstable_newEmbeddedAuthStrategy: true,
    expiringOfflineAccessTokens: true,
  },
  logger: { log, level: LogSeverity.Info },
  hooks: {
    // Runs on install and whenever token exchange creates a new offline session: keep it fast, queue the rest.
    afterAuth: async ({ session }) => {
      await recordInstall(session.shop);
    },
  },
});

export default shopify;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
export const sessionStorage = shopify.sessionStorage;
