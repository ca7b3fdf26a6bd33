// Every webhook route: a valid delivery is answered 200 and does its work once, a wrong HMAC is answered 401.
import { describe, expect, it } from "vitest";
import db from "~/db.server";
import type { QueueName } from "~/jobs/definitions";
import { action as appUninstalled } from "~/routes/webhooks.app.uninstalled";
import { action as scopesUpdate } from "~/routes/webhooks.app.scopes_update";
import { action as customersDataRequest } from "~/routes/webhooks.customers.data_request";
import { action as customersRedact } from "~/routes/webhooks.customers.redact";
import { action as productsCreate } from "~/routes/webhooks.products.create";
import { action as productsDelete } from "~/routes/webhooks.products.delete";
import { action as productsUpdate } from "~/routes/webhooks.products.update";
import { action as shopRedact } from "~/routes/webhooks.shop.redact";
import { routeArgs, webhookRequest } from "../support/shopify";
import { jobsFor, newShop, productPayload } from "../support/webhooks";

type Action = (args: ReturnType<typeof routeArgs>) => Promise<Response>;

const routes: {
  topic: string;
  action: Action;
  /** Compliance payloads name their shop: built per test shop. */
  payload: unknown;
  queue?: QueueName;
  job?: string;
}[] = [
  {
    topic: "app/uninstalled",
    action: appUninstalled,
    payload: { id: 1, domain: "x.myshopify.com" },
  },
  {
    topic: "app/scopes_update",
    action: scopesUpdate,
    payload: { id: 1, previous: [], current: ["read_products"] },
  },
  {
    topic: "products/create",
    action: productsCreate,
    payload: productPayload(11),
    queue: "webhooks",
    job: "product.refresh",
  },
  {
    topic: "products/update",
    action: productsUpdate,
    payload: productPayload(12),
    queue: "webhooks",
    job: "product.refresh",
  },
  {
    topic: "products/delete",
    action: productsDelete,
    payload: { id: 13 },
    queue: "webhooks",
    job: "product.remove",
  },
  {
    topic: "customers/data_request",
    action: customersDataRequest,
    payload: (shop: string) => ({
      shop_id: 1,
      shop_domain: shop,
      customer: { id: 5 },
      orders_requested: [],
      data_request: { id: 9 },
    }),
  },
  {
    topic: "customers/redact",
    action: customersRedact,
    payload: (shop: string) => ({
      shop_id: 1,
      shop_domain: shop,
      customer: { id: 5 },
    }),
  },
  {
    topic: "shop/redact",
    action: shopRedact,
    payload: (shop: string) => ({ shop_id: 1, shop_domain: shop }),
    queue: "maintenance",
    job: "shop.erase",
  },
];

describe.each(routes)(
  "webhook $topic",
  ({ topic, action, payload: payloadOf, queue, job }) => {
    const bodyFor = (shop: string): unknown =>
      typeof payloadOf === "function"
        ? (payloadOf as (shop: string) => unknown)(shop)
        : payloadOf;

    it("answers 200 to a valid delivery and does its work once when Shopify delivers it twice", async () => {
      const shop = newShop();
      const webhookId = `wh-${topic}-${shop}`;
      const payload = bodyFor(shop);
      const first = await action(
        routeArgs(webhookRequest({ topic, shop, payload, webhookId })),
      );
      const second = await action(
        routeArgs(webhookRequest({ topic, shop, payload, webhookId })),
      );

      expect(first.status).toBe(200);
      expect(second.status).toBe(200);
      expect(await db.webhookEvent.count({ where: { shop, webhookId } })).toBe(
        1,
      );
      if (queue && job) {
        const jobs = await jobsFor(queue, shop);
        expect(jobs.map((j) => j.name)).toEqual([job]);
      }
    });

    it("answers 401 when the HMAC is not the app's", async () => {
      const shop = newShop();
      const request = webhookRequest({
        topic,
        shop,
        payload: bodyFor(shop),
        secret: "someone-elses-secret",
      });
      const response = await action(routeArgs(request)).catch(
        (thrown: unknown) => thrown as Response,
      );
      expect(response.status).toBe(401);
      expect(await db.webhookEvent.count({ where: { shop } })).toBe(0);
    });
  },
);
