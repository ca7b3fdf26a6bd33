// Receiving a webhook, the same way for every topic: verify the HMAC (the library answers 401 when it is bad),
// parse the payload, accept each webhook id once, apply the small idempotent database effect the topic needs,
// enqueue the rest and answer 200 fast. If the queue is unreachable we answer 503 so Shopify retries.
import { json } from "@remix-run/node";
import type { z } from "zod";
import { enqueueRequest } from "~/jobs/enqueue.server";
import type { JobRequest } from "~/jobs/job-request";
import { Upstream } from "~/lib/errors";
import { logger } from "~/lib/logger.server";
import { authenticate } from "~/shopify.server";
import {
  claimWebhookDelivery,
  markWebhookEnqueued,
} from "./webhook-event.db.server";

interface Delivery<T> {
  shop: string;
  webhookId: string;
  payload: T;
}

export interface WebhookHandler<T> {
  payload: z.ZodType<T>;
  /** A fast, idempotent database effect done before answering (e.g. deleting sessions on uninstall). */
  apply?: (delivery: Delivery<T>) => Promise<void>;
  /** The work to do in the background. */
  jobs?: (delivery: Delivery<T>) => JobRequest[];
}

const log = logger.child({ module: "webhooks" });

/**
 * The shop a payload names itself (compliance topics: `shop_domain`; app/uninstalled: the shop's
 * `myshopify_domain`). The HMAC covers the body, not the X-Shopify-Shop-Domain header, so a real delivery replayed
 * with another shop's header must not act on that shop: when the signed body names a shop, it must be the header's.
 */
function shopNamedBy(payload: unknown): string | undefined {
  if (typeof payload !== "object" || payload === null) return undefined;
  const { shop_domain: compliance, myshopify_domain: shopObject } =
    payload as Record<string, unknown>;
  const named = compliance ?? shopObject;
  return typeof named === "string" ? named : undefined;
}

export async function receiveWebhook<T>(
  request: Request,
  handler: WebhookHandler<T>,
): Promise<Response> {
  const { shop, topic, webhookId, triggeredAt, payload } =
    await authenticate.webhook(request);
  const parsed = handler.payload.safeParse(payload);
  if (!parsed.success) {
    log.warn(
      { shop, topic, webhookId, issues: parsed.error.issues },
      "webhook payload rejected",
    );
    return json(
      { error: "invalid payload", issues: parsed.error.issues },
      { status: 400 },
    );
  }

  const named = shopNamedBy(payload);
  if (named !== undefined && named !== shop) {
    log.warn(
      { shop, topic, webhookId, named },
      "webhook refused: the signed payload names another shop",
    );
    return json(
      { error: "the shop header does not match the signed payload" },
      { status: 401 },
    );
  }

  const claim = await claimWebhookDelivery({
    shop,
    webhookId,
    topic: String(topic),
    triggeredAt: triggeredAt ? new Date(triggeredAt) : null,
  });
  if (claim.outcome === "duplicate") {
    log.info({ shop, topic, webhookId }, "duplicate webhook ignored");
    return new Response(null, { status: 200 });
  }

  const delivery = { shop, webhookId, payload: parsed.data };
  await handler.apply?.(delivery);
  try {
    for (const job of handler.jobs?.(delivery) ?? []) {
      // The job id makes a redelivery of an unfinished webhook enqueue each job at most once.
      await enqueueRequest(job, { jobId: `webhook:${webhookId}:${job.name}` });
    }
  } catch (error) {
    if (!(error instanceof Upstream)) throw error;
    log.error(
      { shop, topic, webhookId, err: error },
      "webhook not enqueued; asking Shopify to retry",
    );
    return json({ error: "queue unavailable, retry later" }, { status: 503 });
  }
  await markWebhookEnqueued(shop, claim.id);
  return new Response(null, { status: 200 });
}
