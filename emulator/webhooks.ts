// Webhook deliveries as Shopify makes them: a POST of the topic's JSON to the app's subscribed URI with
// X-Shopify-Hmac-Sha256 (base64 HMAC-SHA256 of the raw body, keyed with the app secret), topic, shop, webhook
// id, API version and triggered-at headers. Failed deliveries are retried with backoff; duplicates can be
// injected. Subscriptions come from shopify.app.toml, as `shopify app deploy` would register them.
import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { parse } from "smol-toml";
import type { ShopifyEmulator } from "./emulator";
import { ADMIN_API_VERSION } from "./schema";
import { onlineStorePublishedAt } from "./publications";
import { parseGid, type ProductRecord } from "./state";

export interface Subscription {
  topic: string;
  uri: string;
}

export interface WebhookOptions {
  /** Where the app listens (subscriptions' relative URIs are resolved against it). */
  appUrl?: string;
  /** Delivers a request; defaults to fetch(). Tests can call the app's route actions directly. */
  deliver?: (request: Request) => Promise<Response>;
  /** Subscriptions; default: the ones declared in shopify.app.toml. */
  subscriptions?: Subscription[];
  /** Delays between attempts. Shopify retries 8 times over 4 hours; tests use milliseconds. */
  retryDelaysMs?: number[];
}

export interface DeliveryRecord {
  webhookId: string;
  topic: string;
  shop: string;
  payload: unknown;
  attempts: number;
  status: "pending" | "delivered" | "failed";
  lastStatus: number | null;
}

export function subscriptionsFromAppToml(
  path = "shopify.app.toml",
): Subscription[] {
  const config = parse(readFileSync(path, "utf8")) as {
    webhooks?: {
      subscriptions?: {
        topics?: string[];
        compliance_topics?: string[];
        uri: string;
      }[];
    };
  };
  return (config.webhooks?.subscriptions ?? []).flatMap((s) =>
    [...(s.topics ?? []), ...(s.compliance_topics ?? [])].map((topic) => ({
      topic,
      uri: s.uri,
    })),
  );
}

const SHOPIFY_RETRY_DELAYS_MS = [
  10_000, 60_000, 300_000, 900_000, 1_800_000, 3_600_000, 3_600_000,
];

export class WebhookDispatcher {
  readonly deliveries: DeliveryRecord[] = [];
  private readonly subscriptions: Subscription[];
  private readonly retryDelaysMs: number[];
  private closed = false;

  constructor(
    private readonly emulator: ShopifyEmulator,
    private readonly options: WebhookOptions,
  ) {
    this.subscriptions = options.subscriptions ?? subscriptionsFromAppToml();
    this.retryDelaysMs = options.retryDelaysMs ?? SHOPIFY_RETRY_DELAYS_MS;
  }

  /** Sends `topic` for `shop` to every subscribed URI. */
  emit(shop: string, topic: string, payload: unknown): void {
    if (this.closed || (!this.options.appUrl && !this.options.deliver)) return;
    for (const subscription of this.subscriptions.filter(
      (s) => s.topic === topic,
    )) {
      const copies = this.emulator.faultsFor(shop).duplicateWebhooks ? 2 : 1;
      const webhookId = randomUUID();
      for (let copy = 0; copy < copies; copy++) {
        const record: DeliveryRecord = {
          webhookId,
          topic,
          shop,
          payload,
          attempts: 0,
          status: "pending",
          lastStatus: null,
        };
        this.deliveries.push(record);
        this.emulator.later(0, () =>
          this.attempt(record, subscription.uri, new Date().toISOString()),
        );
      }
    }
  }

  emitProduct(
    shop: string,
    topic: "products/create" | "products/update",
    product: ProductRecord,
  ): void {
    this.emit(shop, topic, this.productPayload(shop, product));
  }

  /** The REST-style product JSON Shopify sends with products/create and products/update. */
  productPayload(
    domain: string,
    product: ProductRecord,
  ): Record<string, unknown> {
    const shop = this.emulator.shop(domain);
    const numeric = (id: string) => parseGid(id)!.id;
    const media = product.mediaIds
      .map((id) => shop.files.get(id))
      .filter((f) => f !== undefined);
    return {
      id: numeric(product.id),
      admin_graphql_api_id: product.id,
      title: product.title,
      handle: product.handle,
      body_html: product.descriptionHtml,
      product_type: product.productType,
      vendor: product.vendor,
      status: product.status.toLowerCase(),
      tags: product.tags.join(", "),
      created_at: product.createdAt,
      updated_at: product.updatedAt,
      // As in Shopify's payload: when it was published to the online store, null while it is not.
      published_at: onlineStorePublishedAt(
        shop,
        product,
        this.emulator.clock.now(),
      ),
      variants: product.variantIds.map((id) => {
        const variant = shop.variants.get(id)!;
        return {
          id: numeric(variant.id),
          admin_graphql_api_id: variant.id,
          product_id: numeric(product.id),
          title: variant.title,
          sku: variant.sku,
          barcode: variant.barcode,
          price: variant.price,
          position: variant.position,
          image_id: variant.mediaIds[0] ? numeric(variant.mediaIds[0]) : null,
          updated_at: variant.updatedAt,
        };
      }),
      media: media.map((file, index) => ({
        id: numeric(file.id),
        admin_graphql_api_id: file.id,
        position: index + 1,
        media_content_type:
          file.kind === "MediaImage"
            ? "IMAGE"
            : file.kind === "Video"
              ? "VIDEO"
              : file.kind === "Model3d"
                ? "MODEL_3D"
                : "FILE",
        status: file.status,
      })),
    };
  }

  private async attempt(
    record: DeliveryRecord,
    uri: string,
    triggeredAt: string,
  ): Promise<void> {
    if (this.closed) return;
    record.attempts += 1;
    const body = JSON.stringify(record.payload);
    const url = new URL(
      uri,
      this.options.appUrl ?? "https://app.invalid",
    ).toString();
    const request = new Request(url, {
      method: "POST",
      body,
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "Shopify-Captain-Hook",
        "X-Shopify-Hmac-Sha256": createHmac("sha256", this.emulator.apiSecret)
          .update(body, "utf8")
          .digest("base64"),
        "X-Shopify-Topic": record.topic,
        "X-Shopify-Shop-Domain": record.shop,
        "X-Shopify-API-Version": ADMIN_API_VERSION,
        "X-Shopify-Webhook-Id": record.webhookId,
        "X-Shopify-Event-Id": randomUUID(),
        "X-Shopify-Triggered-At": triggeredAt,
      },
    });
    try {
      const response = await (this.options.deliver ?? fetch)(request);
      record.lastStatus = response.status;
      await response.body?.cancel();
      if (response.ok) {
        record.status = "delivered";
        return;
      }
    } catch {
      record.lastStatus = null;
    }
    const delay = this.retryDelaysMs[record.attempts - 1];
    if (delay === undefined) {
      record.status = "failed";
      return;
    }
    this.emulator.later(delay, () => this.attempt(record, uri, triggeredAt));
  }

  close(): void {
    this.closed = true;
  }
}
