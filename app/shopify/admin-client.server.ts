// The one throttle-aware Admin API client for background work. Before each request it reserves the request's
// expected cost from the shop's bucket mirror (shared in Redis by every worker process), waiting at the restore
// rate when the bucket is short; after each answer it records Shopify's throttleStatus. THROTTLED answers
// (HTTP 200) and transient HTTP failures are retried here; what still fails becomes a retryable `Upstream`.
import { randomUUID } from "node:crypto";
import { GraphqlQueryError, HttpResponseError } from "@shopify/shopify-api";
import {
  BACKGROUND_FLOOR,
  recordShopThrottle,
  refundShopPoints,
  reserveShopPoints,
  type ThrottleStatus,
} from "~/shopify/throttle-bucket.server";
import { Upstream } from "~/lib/errors";
import {
  shopifyBucketWait,
  shopifyPointsSpent,
  shopifyRequests,
  shopifyThrottled,
} from "~/lib/metrics.server";
import type {
  AdminGraphql,
  OperationData,
  OperationDocument,
  OperationVariables,
} from "./admin-graphql.server";

const MAX_THROTTLED_RETRIES = 6;
const MAX_TRANSIENT_RETRIES = 2;
const DEFAULT_QUERY_COST = 50;
const MUTATION_COST = 10;

/** "push": the sync engine converging a channel; "background": work that can wait for the bucket to refill. */
export type Priority = "push" | "background";

export interface AdminClientStats {
  requests: number;
  throttled: number;
  transientFailures: number;
  /** Points Shopify charged (actualQueryCost). */
  pointsUsed: number;
  /** Time spent waiting for the bucket to refill. */
  waitedMs: number;
}

interface CostExtension {
  requestedQueryCost?: number;
  actualQueryCost?: number | null;
  throttleStatus?: ThrottleStatus;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Requested costs seen per document: the best estimate of what the next call of it will request. */
const observedCosts = new Map<string, number>();

const isMutation = (document: string) =>
  /^\s*(#graphql\s*)?mutation\b/.test(document);

function estimateCost(document: string, variables: unknown): number {
  const seen = observedCosts.get(document);
  if (seen !== undefined) return seen;
  if (!isMutation(document)) return DEFAULT_QUERY_COST;
  // productUpdate is priced 10 + 1.9 per media (dynamic complexity); other mutations 10.
  const media = (variables as { media?: unknown[] } | undefined)?.media;
  return Math.ceil(
    MUTATION_COST + 1.9 * (Array.isArray(media) ? media.length : 0),
  );
}

function throttleCode(error: GraphqlQueryError): string | undefined {
  const errors = error.body?.errors as
    { graphQLErrors?: { extensions?: { code?: string } }[] } | undefined;
  return errors?.graphQLErrors?.[0]?.extensions?.code;
}

function costOf(body: unknown): CostExtension | undefined {
  return (body as { extensions?: { cost?: CostExtension } } | undefined)
    ?.extensions?.cost;
}

export class AdminClient {
  readonly stats: AdminClientStats = {
    requests: 0,
    throttled: 0,
    transientFailures: 0,
    pointsUsed: 0,
    waitedMs: 0,
  };

  constructor(
    readonly shop: string,
    private readonly graphql: AdminGraphql,
    /** Background work (see BACKGROUND_FLOOR): leaves half the bucket to the sync engine's pushes. */
    private readonly priority: Priority = "push",
  ) {}

  /**
   * Runs one typed operation and returns its data. Waits for bucket capacity, retries THROTTLED and transient
   * failures, and throws `Upstream` (retryable) when Shopify keeps failing, or non-retryable when Shopify
   * rejects the query itself.
   */
  async request<D extends OperationDocument>(
    document: D,
    variables?: OperationVariables<D>,
  ): Promise<OperationData<D>> {
    return this.send(document, variables) as Promise<OperationData<D>>;
  }

  /** An operation codegen has not typed (tests, ad-hoc documents): same pacing and retries, untyped data. */
  async requestUntyped(
    document: string,
    variables?: Record<string, unknown>,
  ): Promise<unknown> {
    return this.send(document, variables);
  }

  private async send(document: string, variables?: unknown): Promise<unknown> {
    let throttledRetries = 0;
    let transientRetries = 0;
    for (;;) {
      const cost = estimateCost(document, variables);
      // Names this attempt's points in the shop's bucket until its answer (or refund) settles them.
      const ticket = randomUUID();
      await this.reserve(cost, ticket);
      this.stats.requests += 1;
      shopifyRequests.inc({ shop: this.shop });
      try {
        const response = await this.graphql(
          document,
          variables
            ? { variables: variables as Record<string, unknown> }
            : undefined,
        );
        const body = (await response.json()) as {
          data?: unknown;
          extensions?: { cost?: CostExtension };
        };
        await this.observe(document, costOf(body), cost, ticket);
        if (!body.data)
          throw new Upstream("Shopify GraphQL answered without data", true);
        return body.data;
      } catch (error) {
        if (error instanceof GraphqlQueryError) {
          const cost = costOf(error.body);
          await this.observe(
            document,
            cost,
            estimateCost(document, variables),
            ticket,
          );
          if (throttleCode(error) === "THROTTLED") {
            this.stats.throttled += 1;
            shopifyThrottled.inc({ shop: this.shop });
            const requested = cost?.requestedQueryCost ?? 0;
            const bucket = cost?.throttleStatus?.maximumAvailable ?? Infinity;
            // Waiting cannot help a request that asks more than the whole bucket: say so instead of retrying.
            if (requested > bucket)
              throw new Upstream(
                `Shopify GraphQL: the request asks ${requested} points and ${this.shop}'s bucket holds ${bucket}: it must ask for less`,
                false,
                { cause: error },
              );
            if (++throttledRetries > MAX_THROTTLED_RETRIES) {
              throw new Upstream(`Shopify kept throttling ${this.shop}`, true, {
                cause: error,
                retryAfterMs: 1000,
              });
            }
            continue; // the bucket mirror now holds Shopify's numbers; reserve() waits for the refill
          }
          const code = throttleCode(error);
          throw new Upstream(
            `Shopify GraphQL: ${error.message}`,
            code === "INTERNAL_SERVER_ERROR",
            { cause: error },
          );
        }
        if (error instanceof Upstream) throw error;
        const status =
          error instanceof HttpResponseError ? error.response.code : undefined;
        const transient =
          status === undefined || status >= 500 || status === 429;
        await refundShopPoints(this.shop, cost, ticket);
        // A query is safe to send again; a mutation is not: its 5xx may come after the work was done (a lost
        // answer). The caller's job re-reads Shopify and decides, instead of creating a second file here.
        if (
          transient &&
          !isMutation(document) &&
          ++transientRetries <= MAX_TRANSIENT_RETRIES
        ) {
          this.stats.transientFailures += 1;
          await sleep(500 * transientRetries);
          continue;
        }
        throw new Upstream(
          `Shopify request failed: ${(error as Error).message}`,
          transient,
          { cause: error },
        );
      }
    }
  }

  private async reserve(cost: number, ticket: string): Promise<void> {
    for (;;) {
      const wait = await reserveShopPoints(
        this.shop,
        cost,
        Date.now(),
        this.priority === "background" ? BACKGROUND_FLOOR : 0,
        ticket,
      );
      if (wait === 0) return;
      this.stats.waitedMs += wait;
      shopifyBucketWait.inc({ shop: this.shop }, wait / 1000);
      await sleep(wait);
    }
  }

  private async observe(
    document: string,
    cost: CostExtension | undefined,
    reserved: number,
    ticket: string,
  ): Promise<void> {
    if (!cost) return refundShopPoints(this.shop, 0, ticket);
    if (cost.requestedQueryCost)
      observedCosts.set(document, cost.requestedQueryCost);
    if (cost.actualQueryCost) {
      this.stats.pointsUsed += cost.actualQueryCost;
      shopifyPointsSpent.inc({ shop: this.shop }, cost.actualQueryCost);
    }
    if (cost.throttleStatus)
      await recordShopThrottle(
        this.shop,
        cost.throttleStatus,
        Date.now(),
        ticket,
      );
    else await refundShopPoints(this.shop, reserved, ticket);
  }
}

/** The Admin API client for background work on `shop` (offline session; the library refreshes its token). */
export async function adminClientFor(
  shop: string,
  priority: Priority = "push",
): Promise<AdminClient> {
  const { unauthenticated } = await import("~/shopify.server");
  const { admin } = await unauthenticated.admin(shop);
  return new AdminClient(shop, admin.graphql, priority);
}
