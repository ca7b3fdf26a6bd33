// The outbox relay under a backlog: a row whose dispatch job is still waiting in the queue is not relayed again
// after RELAY_AGAIN_MS (a season's 10,000 links once grew the sync queue to 9,000 duplicate dispatch jobs, ahead
// of the launch's staging job); a row whose job was lost is. No worker runs here: the jobs stay where they are.
import { describe, expect, it } from "vitest";
import db from "~/db.server";
import { getQueue } from "~/jobs/queues.server";
import { RELAY_AGAIN_MS, relayOutbox } from "~/outbox/relay.server";

const SHOP = "relay-backlog.myshopify.com";
const later = (ms: number) => new Date(Date.now() + ms);

async function dispatchJobsOf(outboxId: string) {
  const jobs = await getQueue("sync").getJobs(["waiting", "delayed"]);
  return jobs
    .filter((j) => j.name === "sync.dispatch" && j.data.outboxId === outboxId)
    .map((j) => j.data.relay as number);
}

describe("the outbox relay", () => {
  it("leaves a row whose job is still queued, and relays again the row whose job was lost", async () => {
    const row = await db.outbox.create({
      data: {
        shop: SHOP,
        topic: "asset-link.changed",
        aggregateId: "p1",
        payload: {},
      },
    });
    expect(await relayOutbox()).toBe(1);
    expect(await dispatchJobsOf(row.id)).toEqual([0]);

    // Past RELAY_AGAIN_MS with its job still waiting (a backlog): nothing new is queued.
    expect(await relayOutbox(200, later(RELAY_AGAIN_MS + 1_000))).toBe(0);
    expect(await dispatchJobsOf(row.id)).toEqual([0]);
    expect(
      await db.outbox.findUniqueOrThrow({ where: { id: row.id } }),
    ).toMatchObject({ relays: 1, dispatchedAt: null });

    // The job lost (Redis without its data): the next look relays the row as a new job.
    const [job] = await getQueue("sync").getJobs(["waiting"]);
    await job!.remove();
    expect(await relayOutbox(200, later(2 * RELAY_AGAIN_MS + 2_000))).toBe(1);
    expect(await dispatchJobsOf(row.id)).toEqual([1]);
  });
});
