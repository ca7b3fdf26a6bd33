// What webhooks do: uninstall, scopes update, redelivery of a delivery whose jobs were lost, redact refusals and
// a shop/redact that leaves no row of the shop behind.
import { describe, expect, it } from "vitest";
import db, { Prisma } from "~/db.server";
import { startWorkers } from "~/worker/run.server";
import { action as appUninstalled } from "~/routes/webhooks.app.uninstalled";
import { action as scopesUpdate } from "~/routes/webhooks.app.scopes_update";
import { action as productsUpdate } from "~/routes/webhooks.products.update";
import { action as shopRedact } from "~/routes/webhooks.shop.redact";
import {
  routeArgs,
  storeOfflineSession,
  webhookRequest,
} from "../support/shopify";
import { jobsFor, newShop, productPayload } from "../support/webhooks";

describe("webhook effects", () => {
  it("app/uninstalled deletes the shop's sessions and marks it uninstalled, keeping its data", async () => {
    const shop = newShop();
    await storeOfflineSession(shop);
    await db.shop.create({ data: { shop, name: "Atelier" } });

    const response = await appUninstalled(
      routeArgs(
        webhookRequest({ topic: "app/uninstalled", shop, payload: {} }),
      ),
    );

    expect(response.status).toBe(200);
    expect(await db.session.count({ where: { shop } })).toBe(0);
    expect(await db.shop.findUnique({ where: { shop } })).toMatchObject({
      status: "UNINSTALLED",
      name: "Atelier",
    });
  });

  it("app/scopes_update records the scopes now granted", async () => {
    const shop = newShop();
    await storeOfflineSession(shop);
    const payload = {
      id: 1,
      previous: ["read_products"],
      current: ["read_products", "write_files"],
    };

    await scopesUpdate(
      routeArgs(webhookRequest({ topic: "app/scopes_update", shop, payload })),
    );

    expect(await db.session.findFirst({ where: { shop } })).toMatchObject({
      scope: "read_products,write_files",
    });
  });

  it("a redelivery of a webhook whose jobs never reached the queue enqueues them", async () => {
    const shop = newShop();
    const webhookId = "wh-unfinished";
    await db.webhookEvent.create({
      data: { shop, webhookId, topic: "products/update", enqueuedAt: null },
    });

    const response = await productsUpdate(
      routeArgs(
        webhookRequest({
          topic: "products/update",
          shop,
          webhookId,
          payload: productPayload(77),
        }),
      ),
    );

    expect(response.status).toBe(200);
    expect((await jobsFor("webhooks", shop)).map((j) => j.data)).toEqual([
      expect.objectContaining({
        productId: "gid://shopify/Product/77",
        webhookId,
      }),
    ]);
    expect(
      await db.webhookEvent.findFirst({ where: { shop, webhookId } }),
    ).toMatchObject({
      enqueuedAt: expect.any(Date),
    });
  });

  it("refuses a signed shop/redact replayed with another shop's header, and a redact that names no shop", async () => {
    const victim = newShop();
    const attacker = newShop();
    await db.shop.create({ data: { shop: victim, name: "Victim" } });
    const replayed = await shopRedact(
      routeArgs(
        webhookRequest({
          topic: "shop/redact",
          shop: victim,
          payload: { shop_id: 2, shop_domain: attacker },
        }),
      ),
    );
    expect(replayed.status).toBe(401);
    const anonymous = await shopRedact(
      routeArgs(
        webhookRequest({ topic: "shop/redact", shop: victim, payload: {} }),
      ),
    );
    expect(anonymous.status).toBe(400);
    expect(await jobsFor("maintenance", victim)).toEqual([]);
    expect(await db.webhookEvent.count({ where: { shop: victim } })).toBe(0);
    expect(await db.shop.count({ where: { shop: victim } })).toBe(1);
  });

  it("answers 400 with the problem when a signed payload is not what the topic carries", async () => {
    const shop = newShop();
    const response = await productsUpdate(
      routeArgs(
        webhookRequest({
          topic: "products/update",
          shop,
          payload: { id: "nope" },
        }),
      ),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid payload" });
  });

  it("shop/redact leaves no row of the shop in any table once its job has run", async () => {
    const shop = newShop();
    const otherShop = newShop();
    for (const s of [shop, otherShop]) {
      await storeOfflineSession(s);
      await db.shop.create({ data: { shop: s, name: "Keep or erase" } });
      await productsUpdate(
        routeArgs(
          webhookRequest({
            topic: "products/update",
            shop: s,
            payload: productPayload(5),
          }),
        ),
      );
    }

    const response = await shopRedact(
      routeArgs(
        webhookRequest({
          topic: "shop/redact",
          shop,
          payload: { shop_id: 1, shop_domain: shop },
        }),
      ),
    );
    expect(response.status).toBe(200);
    const [eraseJob] = await jobsFor("maintenance", shop);
    const workers = startWorkers({ queues: ["maintenance"] });
    try {
      await expect
        .poll(() => eraseJob!.getState(), { timeout: 10_000 })
        .toBe("completed");
    } finally {
      await workers.close();
    }

    // Every model has a `shop` column: count the shop's rows in each, and make sure the other shop kept its own.
    for (const model of Object.values(Prisma.ModelName)) {
      const delegate = db[
        (model.charAt(0).toLowerCase() + model.slice(1)) as "shop"
      ] as unknown as {
        count(args: { where: { shop: string } }): Promise<number>;
      };
      expect({
        model,
        rows: await delegate.count({ where: { shop } }),
      }).toEqual({ model, rows: 0 });
    }
    expect(await db.shop.count({ where: { shop: otherShop } })).toBe(1);
    expect(await db.session.count({ where: { shop: otherShop } })).toBe(1);
  });
});
