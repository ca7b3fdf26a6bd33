// The PIM's jobs on a real worker: the catalogue import job fills the mirror, approval hands the values to the sync
// engine, the approved values appear on the emulator's storefront (read back before live), and the products/update echo of that write comes back
// through the webhook route and is recognised as ours.
import { APP_URL } from "@shopify/shopify-api/test-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { enqueue } from "~/jobs/enqueue.server";
import { getQueue } from "~/jobs/queues.server";
import { setUpApparelPim } from "~/pim/onboarding.server";
import { approveAndPublish } from "~/pim/approval.server";
import { saveProductValues } from "~/pim/values.db.server";
import { upsertInstalledShop } from "~/shop/shop.db.server";
import { startWorkers, type RunningWorkers } from "~/worker/run.server";
import { connectAppTo, deliverToApp } from "../support/app-emulator";
import { seedShop } from "../../emulator/seed/seed";
import { testEmulator } from "../../emulator/testing";
import { waitForJob } from "../support/jobs";
import { storeOfflineSessionWithToken } from "../support/shopify";
import { eventually } from "../support/wait";

const SHOP = "worker-pim.myshopify.com";
const OTHER = "worker-pim-other.myshopify.com";
const emulator = testEmulator({
  webhooks: { appUrl: APP_URL, deliver: deliverToApp },
});
let running: RunningWorkers;

/** What the job returned once it finished. */
async function finished(queue: "shopify" | "webhooks", jobId: string) {
  const job = await waitForJob(queue, jobId);
  expect(job.state).toBe("completed");
  return job.returnvalue as Record<string, unknown>;
}

beforeAll(async () => {
  await seedShop(emulator, SHOP, { factor: 0.05, images: false });
  emulator.addShop(OTHER);
  connectAppTo(emulator);
  for (const shop of [SHOP, OTHER]) {
    await storeOfflineSessionWithToken(shop, emulator.issueAccessToken(shop));
    await upsertInstalledShop(shop);
  }
  running = startWorkers({
    queues: ["shopify", "webhooks", "sync", "sync-storefront", "sync-feeds"],
  });
});

afterAll(async () => {
  await running.close();
});

describe("PIM jobs on the worker", () => {
  it("imports the catalogue, publishes approved values to the storefront and ignores the echo", async () => {
    const importJob = await enqueue("catalogue.import", { shop: SHOP });
    const imported = await finished("shopify", importJob);
    expect(imported.products).toBe(emulator.shop(SHOP).products.size);
    expect(await db.product.count({ where: { shop: OTHER } })).toBe(0);

    await setUpApparelPim(SHOP);
    const product = await db.product.findFirstOrThrow({
      where: { shop: SHOP, status: "ACTIVE", familyId: { not: null } },
    });
    await saveProductValues(
      SHOP,
      product.id,
      [
        { attributeKey: "material_composition", input: "70% wool, 30% alpaca" },
        { attributeKey: "gender", input: "unisex" },
      ],
      "merch",
    );
    await approveAndPublish(SHOP, [product.id], "lead", {
      overrideReason: "Publishing what is ready",
    });

    // The sync engine writes the values and reads them back before calling the storefront live.
    await eventually(
      () =>
        db.syncState.findUnique({
          where: {
            shop_productId_channel: {
              shop: SHOP,
              productId: product.id,
              channel: "SHOPIFY_STOREFRONT",
            },
          },
        }),
      (state) =>
        state?.status === "LIVE" &&
        state.confirmedRevision === state.desiredRevision,
      { what: "the approved values live on the storefront" },
    );
    expect(
      await db.product.findUniqueOrThrow({ where: { id: product.id } }),
    ).toMatchObject({ publishedVersion: 1 });
    const view = (await (
      await emulator.handle(
        new Request(`https://${SHOP}/products/${product.handle}.js`),
      )
    ).json()) as { metafields: Record<string, Record<string, unknown>> };
    expect(view.metafields[`app--${emulator.appId}`]).toEqual({
      material_composition: "70% wool, 30% alpaca",
      gender: "unisex",
    });

    // The write's products/update reached the webhook route and queued a refresh, which saw its own echo.
    await emulator.idle();
    const refreshes = (
      await getQueue("webhooks").getJobs([
        "waiting",
        "active",
        "completed",
        "delayed",
      ])
    ).filter(
      (job) =>
        job.name === "product.refresh" &&
        (job.data as { productId: string }).productId === product.shopifyId,
    );
    expect(refreshes).toHaveLength(1);
    const refreshed = await finished("webhooks", refreshes[0]!.id!);
    // "echo" when the publish recorded Shopify's updatedAt first; "unchanged" when the webhook won the race and
    // the digest of the mirrored fields proved nothing we mirror changed. Either way nothing is rewritten.
    expect(["echo", "unchanged"]).toContain(refreshed.outcome);
    expect(
      await db.product.findUniqueOrThrow({ where: { id: product.id } }),
    ).toMatchObject({ pimStatus: "APPROVED", title: product.title });
    expect(
      await db.valueChange.count({
        where: { shop: SHOP, productId: product.id },
      }),
    ).toBe(2);
  });

  it("a publish job for another shop's product does nothing", async () => {
    const product = await db.product.findFirstOrThrow({
      where: { shop: SHOP },
    });
    const jobId = await enqueue("product-values.publish", {
      shop: OTHER,
      productId: product.id,
      version: 1,
    });
    expect(await finished("shopify", jobId)).toMatchObject({
      outcome: "not-found",
      calls: 0,
    });
  });
});
