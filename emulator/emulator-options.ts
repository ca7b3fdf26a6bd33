// How a ShopifyEmulator is configured, and what an access token it grants directly can carry.
import type { WebhookOptions } from "./webhooks";

export interface EmulatorOptions {
  /** The app's client id and secret: token exchange checks them, webhooks are signed with the secret. */
  apiKey: string;
  apiSecret: string;
  /** The app's URL: webhooks go to its subscribed paths and /__emulator/admin opens it. */
  appUrl?: string;
  /** The app's numeric id; `$app` namespaces expand to `app--{appId}`. */
  appId?: number;
  /** UPLOADED → PROCESSING → READY|FAILED takes this long (0 in unit tests). Default 300 ms. */
  mediaProcessingMs?: number;
  /** CREATED → RUNNING → COMPLETED of a bulk operation. Default 200 ms. */
  bulkOperationMs?: number;
  /** Extra time a bulk mutation spends per JSONL line (Shopify does not document its rate). Default 0. */
  bulkMutationLineMs?: number;
  /** The leaky bucket of each shop. Default Standard plan: 2000 points, 100 per second. */
  throttle?: { maximumAvailable: number; restoreRate: number };
  webhooks?: WebhookOptions;
  /** Seed of the fault-injection randomness. */
  seed?: number;
  /** Fetch used to download `originalSource` URLs that are not staged uploads (the app's own file URLs). */
  externalFetch?: typeof fetch;
}

export interface AccessTokenOptions {
  token?: string;
  scope?: string;
  /** Seconds until the token expires; omitted → never (a non-expiring offline token). */
  expiresIn?: number;
}

/** Shopify's Standard plan bucket, every shop's unless the emulator is told otherwise. */
export const STANDARD_PLAN = { maximumAvailable: 2000, restoreRate: 100 };
