// The chaos run's burst: changes at a steady rate — replacements of the same assets (a quarter of them twice within
// 50 ms), link/unlink storms on variants, PIM approvals — while the emulator and the marketplace fail on purpose,
// workers are SIGKILLed and restarted, and Redis restarts empty once. A refused change is reported, not fatal.
import type { RedisServer } from "../../../emulator/processes";
import { WorkerProcess } from "../../../emulator/processes";
import { SHOP, sleep, type ChaosWorld } from "./world";

export interface BurstOptions {
  changes: number;
  /** Changes per second. */
  rate: number;
  faults: boolean;
  workerKills: number;
  redisRestart: boolean;
}

/** Runs the burst; returns when it started and when the last change was made (performance.now()). */
export async function runBurst(
  world: ChaosWorld,
  redis: RedisServer,
  options: BurstOptions,
  random: () => number,
  say: (message: string) => void,
): Promise<{ started: number; lastChange: number }> {
  const { default: db } = await import("~/db.server");
  const { kickOutboxRelay } = await import("~/outbox/relay.server");
  const { linkAssets, unlink } = await import("~/sync/links.db.server");
  const { saveProductValues } = await import("~/pim/values.db.server");
  const { approveProducts } = await import("~/pim/approval.db.server");
  const { replaceAsset } = await import("../sync");
  const { emulator, receiver, workers, workerEnv, products, assets } = world;
  const pick = <T>(items: readonly T[]): T =>
    items[Math.floor(random() * items.length)]!;

  if (options.faults) {
    emulator.setFaults(SHOP, {
      serverErrorRate: 0.1,
      throttleRate: 0.1,
      lostResponseRate: 0.05,
    });
  }
  const killAt = new Set(
    Array.from({ length: options.workerKills }, (_, k) =>
      Math.floor(((k + 1) * options.changes) / (options.workerKills + 1)),
    ),
  );
  const restartAt = options.redisRestart
    ? Math.floor(options.changes * 0.55)
    : -1;
  const restarting = new Map<number, Promise<void>>();
  let version = 0;
  const started = performance.now();
  for (let n = 0; n < options.changes; n++) {
    const due = started + (n * 1000) / options.rate;
    if (performance.now() < due) await sleep(due - performance.now());
    if (options.faults && n % 50 === 25) {
      emulator.faultsFor(SHOP).failMedia = 1;
      receiver.faults.failNext = 3;
    }
    if (killAt.has(n)) {
      const victim = Math.floor(random() * workers.length);
      // A worker still booting from an earlier kill is up before it is killed again.
      await restarting.get(victim);
      say(`change ${n}: SIGKILL worker ${victim + 1}`);
      await workers[victim]!.kill();
      // As a supervisor would, the killed worker is restarted while changes keep coming (the burst does not wait
      // for its boot; the other worker carries on), and started again, up to three times, if it exits while
      // starting (Redis restarting under it).
      const restart = async () => {
        for (let attempt = 1; ; attempt++) {
          try {
            workers[victim] = await WorkerProcess.start(workerEnv);
            return;
          } catch (error) {
            if (attempt === 3) throw error;
            say(
              `worker ${victim + 1} exited while starting (${(error as Error).message}); starting it again`,
            );
          }
        }
      };
      const restarted = restart();
      restarted.catch(() => {}); // awaited below and after the burst; not an unhandled rejection meanwhile
      restarting.set(victim, restarted);
    }
    if (n === restartAt) {
      say(`change ${n}: Redis restarts empty (queues, locks and buckets lost)`);
      await redis.stop();
      await sleep(1_000);
      await redis.start();
    }
    const roll = random();
    try {
      if (roll < 0.5) {
        const assetId = pick(assets);
        await replaceAsset(
          SHOP,
          assetId,
          `chaos-r${version}.jpg`,
          await world.nextPackshot(),
        );
        version += 1;
        if (random() < 0.25) {
          // Two replacements of one asset within 50 ms.
          await replaceAsset(
            SHOP,
            assetId,
            `chaos-r${version}.jpg`,
            await world.nextPackshot(),
          );
          version += 1;
          n += 1;
        }
      } else if (roll < 0.8) {
        const product = pick(products);
        const variant = pick(product.variants);
        const assetId = pick(assets);
        const link = await db.assetLink.findFirst({
          where: {
            shop: SHOP,
            assetId,
            productId: product.id,
            variantId: variant.id,
          },
        });
        if (link) await unlink(SHOP, [link.id]);
        else
          await linkAssets(SHOP, {
            assetIds: [assetId],
            productId: product.id,
            variantIds: [variant.id],
            role: "DETAIL",
          });
      } else {
        const product = pick(products);
        await saveProductValues(
          SHOP,
          product.id,
          [
            {
              attributeKey: "material_composition",
              input: `${50 + (n % 50)}% wool, ${50 - (n % 50)}% cashmere`,
            },
          ],
          "chaos",
        );
        await approveProducts(SHOP, [product.id], "chaos");
      }
    } catch (error) {
      say(`change ${n} refused: ${(error as Error).message}`);
    }
    void kickOutboxRelay();
  }
  const lastChange = performance.now();
  await Promise.all(restarting.values());
  emulator.setFaults(SHOP, {});
  receiver.faults = {};
  return { started, lastChange };
}
