import { pruneWebhookEvents } from "~/webhooks/webhook-event.db.server";
import type { Processor } from "../processor";

const DAY_MS = 24 * 3600 * 1000;

export const pruneWebhookEventsProcessor: Processor<
  "webhook-events.prune"
> = async ({ olderThanDays }) => {
  const deleted = await pruneWebhookEvents(
    new Date(Date.now() - olderThanDays * DAY_MS),
  );
  return { deleted };
};
