// Webhook test helpers: a products/* payload, a fresh shop per test (webhook ids are unique per shop), and the
// jobs a delivery left in a queue for one shop.
import { getQueue } from "~/jobs/queues.server";
import type { QueueName } from "~/jobs/definitions";

export const productPayload = (id: number) => ({
  id,
  admin_graphql_api_id: `gid://shopify/Product/${id}`,
  title: "Camel wool coat",
  updated_at: "2026-11-20T10:00:00-05:00",
});

let shopCounter = 0;
export const newShop = () =>
  `webhook-shop-${++shopCounter}-${Date.now()}.myshopify.com`;

/** Every job of `queue` (in any state) whose payload is for `shop`. */
export async function jobsFor(queue: QueueName, shop: string) {
  const jobs = await getQueue(queue).getJobs([
    "waiting",
    "delayed",
    "active",
    "completed",
    "failed",
  ]);
  return jobs.filter((job) => (job.data as { shop?: string }).shop === shop);
}
