import { afterAll, describe, expect, it } from "vitest";
import {
  Sandbox,
  SandboxLimit,
  SandboxRefusal,
} from "~/lib/sandbox-thread.server";

const sandbox = new Sandbox({
  script: `
onTask((task) => {
  if (task === "spin") for (;;);
  if (task === "hog") { const keep = []; for (;;) keep.push(new Array(1e5).fill(keep.length)); }
  if (task === "refuse") { const e = new Error("not this one"); e.refusal = "This file is refused."; throw e; }
  return task.toUpperCase();
});`,
  timeoutMs: 1_000,
  maxHeapMb: 64,
  threads: 1,
});
// A script that takes longer to load than a task may run (as jsdom does on a loaded machine).
const slowToLoad = new Sandbox({
  script: `
const until = Date.now() + 800;
while (Date.now() < until);
onTask((task) => {
  if (task === "spin") for (;;);
  return task.toUpperCase();
});`,
  timeoutMs: 300,
  maxHeapMb: 64,
  threads: 1,
});
afterAll(() => Promise.all([sandbox.close(), slowToLoad.close()]));

describe("sandboxed worker threads", () => {
  it("stops a task that runs past its deadline or its heap, and serves the next task on a fresh thread", async () => {
    const started = Date.now();
    await expect(sandbox.run("spin")).rejects.toEqual(
      new SandboxLimit("timeout"),
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect(sandbox.run("ok")).resolves.toBe("OK");
    await expect(sandbox.run("hog")).rejects.toBeInstanceOf(SandboxLimit);
    await expect(sandbox.run("after")).resolves.toBe("AFTER");
  });

  it("passes a deliberate refusal through with its message, and queues tasks beyond the pool", async () => {
    await expect(sandbox.run("refuse")).rejects.toEqual(
      new SandboxRefusal("This file is refused."),
    );
    await expect(
      Promise.all(["a", "b", "c"].map((t) => sandbox.run(t))),
    ).resolves.toEqual(["A", "B", "C"]);
  });

  it("gives each task its whole deadline: loading the script on a fresh thread does not count", async () => {
    await expect(slowToLoad.run("first")).resolves.toBe("FIRST");
    await expect(slowToLoad.run("spin")).rejects.toEqual(
      new SandboxLimit("timeout"),
    );
    // The next task waits for a fresh thread to load, then runs within its own 300 ms.
    await expect(slowToLoad.run("next")).resolves.toBe("NEXT");
  });
});
