// Every job's identity in one place (immich's getJobOptions): `enqueue()` applies it, so no caller mints an id and
// two callers asking for the same work get the same job. Ids are `name:shop:part…` (enqueue turns ':' into '_',
// which BullMQ requires). Every per-shop id carries the shop, so one shop's job can never stand in for another's.
import type { JobName, JobPayload } from "./definitions";

export type JobIdentity =
  /** The job is this piece of work: adding it again is a no-op while BullMQ keeps it (24 h after completing). */
  | { jobId: string }
  /** At most one such job waits or runs at a time; once it finished, the next enqueue queues a new one. */
  | { dedupe: string };

/** The caller still passes `jobId` (the sync engine's jobs, until its dispatch names them here). */
export const CALLER_CHOOSES = "caller-chooses" as const;

type IdentityRule<N extends JobName> =
  ((payload: JobPayload<N>) => JobIdentity) | typeof CALLER_CHOOSES;

const id = (...parts: (string | number)[]) => parts.join(":");

export const jobIdentities = {
  "shop.sync-details": ({ shop }) => ({
    dedupe: id("shop.sync-details", shop),
  }),
  "shop.erase": ({ shop }) => ({ dedupe: id("shop.erase", shop) }),
  // One job per webhook delivery: a redelivery of an unfinished webhook does not enqueue it twice.
  "product.refresh": ({ shop, webhookId }) => ({
    jobId: id("product.refresh", shop, webhookId),
  }),
  "product.remove": ({ shop, webhookId }) => ({
    jobId: id("product.remove", shop, webhookId),
  }),
  "webhook-events.prune": () => ({ dedupe: "webhook-events.prune" }),
  // Each relay of an outbox row is its own job: a row whose job was lost with Redis is relayed again.
  "sync.dispatch": ({ shop, outboxId, relay }) => ({
    jobId: id("sync.dispatch", shop, outboxId, relay),
  }),
  // One job per product × channel and job sequence (bumped when a run starts): coalesced per pair.
  "sync.storefront": ({ shop, productId, seq }) => ({
    jobId: id("sync.storefront", shop, productId, seq),
  }),
  "sync.google": ({ shop, productId, seq }) => ({
    jobId: id("sync.google", shop, productId, seq),
  }),
  "sync.marketplace": ({ shop, productId, seq }) => ({
    jobId: id("sync.marketplace", shop, productId, seq),
  }),
  "sync.meta": ({ shop, productId, seq }) => ({
    jobId: id("sync.meta", shop, productId, seq),
  }),
  "sync.orphans": ({ shop }) => ({ dedupe: id("sync.orphans", shop) }),
  // Renditions are keyed by content: one job per version, whoever asks (upload, restore, the missing sweep).
  "dam.renditions": ({ shop, versionId }) => ({
    jobId: id("dam.renditions", shop, versionId),
  }),
  "dam.renditions-missing": () => ({ dedupe: "dam.renditions-missing" }),
  "dam.spool-sweep": () => ({ dedupe: "dam.spool-sweep" }),
  // Install, the products page and the daily reconcile all ask for the same thing: one import at a time per shop.
  "catalogue.import": ({ shop }) => ({ dedupe: id("catalogue.import", shop) }),
  "catalogue.reconcile-all": () => ({ dedupe: "catalogue.reconcile-all" }),
  // Every catalogue import asks for one read of the market prices; one at a time per shop.
  "market-prices.sync": ({ shop }) => ({
    dedupe: id("market-prices.sync", shop),
  }),
  // Several updates of one product while one read waits: one read.
  "product-market-prices.sync": ({ shop, productId }) => ({
    dedupe: id("product-market-prices.sync", shop, productId),
  }),
  // One publish per approval: the approval's direct enqueue and the outbox dispatch of the same row meet here.
  "product-values.publish": ({ shop, productId, version }) => ({
    jobId: id("product-values.publish", shop, productId, version),
  }),
  // Whoever asks (a storefront convergence, the product page), one translation run at a time per product.
  "product-translations.publish": ({ shop, productId }) => ({
    dedupe: id("product-translations.publish", shop, productId),
  }),
  "product-swatches.write": ({ shop, productId }) => ({
    dedupe: id("product-swatches.write", shop, productId),
  }),
  "spreadsheet.import": ({ shop, importId }) => ({
    jobId: id("spreadsheet.import", shop, importId),
  }),
  // Launches: one staging or rollback at a time per launch; one go-live per scheduled time (a moved time is a new
  // job, the old one finds the time changed and does nothing) and per retry; one observation per round and tick.
  "launch.stage": ({ shop, launchId }) => ({
    dedupe: id("launch.stage", shop, launchId),
  }),
  "launch.stage-wave": ({ shop, launchId, round, wave }) => ({
    jobId: id("launch.stage-wave", shop, launchId, round, wave),
  }),
  "launch.go-live": ({ shop, launchId, at, retry }) => ({
    jobId:
      retry === undefined
        ? id("launch.go-live", shop, launchId, at)
        : id("launch.go-live", shop, launchId, at, "retry", retry),
  }),
  "launch.observe": ({ shop, launchId, round, tick }) => ({
    jobId: id("launch.observe", shop, launchId, round, tick),
  }),
  "launch.preview": ({ shop, launchId }) => ({
    dedupe: id("launch.preview", shop, launchId),
  }),
  "launch.end-preview": ({ shop, launchId }) => ({
    dedupe: id("launch.end-preview", shop, launchId),
  }),
  "launch.rollback": ({ shop, launchId }) => ({
    dedupe: id("launch.rollback", shop, launchId),
  }),
} satisfies { [N in JobName]: IdentityRule<N> };

/** The jobs whose id the caller passes as `jobId` (see CALLER_CHOOSES). */
export type CallerIdentifiedJob = {
  [N in JobName]: (typeof jobIdentities)[N] extends typeof CALLER_CHOOSES
    ? N
    : never;
}[JobName];

/** What BullMQ accepts as a custom id: ':' separates its key parts, so it may not appear in one. */
export function bullJobId(key: string): string {
  return key.replaceAll(":", "_");
}

/** The identity of a job (undefined when the caller chooses and chose none). */
export function jobIdentity<N extends JobName>(
  name: N,
  payload: JobPayload<N>,
  callerJobId?: string,
): JobIdentity | undefined {
  const rule = jobIdentities[name] as IdentityRule<N>;
  if (rule === CALLER_CHOOSES)
    return callerJobId ? { jobId: callerJobId } : undefined;
  return rule(payload);
}
