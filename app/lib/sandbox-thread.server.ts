// Untrusted work (parsing a merchant's file) off the event loop: a small pool of worker threads, each with a heap
// cap, and a deadline per task after which the thread is terminated (and a fresh one started for the next task).
// A task that blows the heap or the deadline rejects with `SandboxLimit`; callers turn that into a merchant-facing
// refusal. The worker's code is a CommonJS script string (run with `eval`), so it works the same from source, in
// tests and from the production build; modules it needs are resolved here and passed by absolute path.
// The deadline is the task's alone: it starts once the thread has loaded its script (jsdom takes ~0.7 s of CPU,
// many seconds on a loaded machine), so a fresh thread after a terminated one does not refuse the next file.
import { Worker } from "node:worker_threads";

export class SandboxLimit extends Error {
  constructor(readonly reason: "timeout" | "memory" | "crash") {
    super(`sandboxed task stopped: ${reason}`);
  }
}

export interface SandboxOptions {
  /** CommonJS script: `onTask(handler)` is in scope; the handler gets the task and returns (or resolves) the answer. */
  script: string;
  /** Passed to the script as `workerData`. */
  data?: unknown;
  timeoutMs: number;
  /** Loading the script on a fresh thread (our code, not the task's): past this the task fails as a crash. */
  bootTimeoutMs?: number;
  maxHeapMb: number;
  threads: number;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

const PRELUDE = `
const { parentPort, workerData } = require("node:worker_threads");
function onTask(handler) {
  parentPort.on("message", async ({ id, task }) => {
    try {
      parentPort.postMessage({ id, ok: true, value: await handler(task) });
    } catch (error) {
      parentPort.postMessage({ id, ok: false, refusal: error && error.refusal, message: String(error && error.message) });
    }
  });
}
`;
// Appended after the script: its top-level code (requires, setup) has run.
const READY = `\nparentPort.postMessage({ ready: true });\n`;
const BOOT_TIMEOUT_MS = 60_000;

/** An error the script threw on purpose (`error.refusal = "…"`): the message is meant for the merchant. */
export class SandboxRefusal extends Error {}

class Slot {
  private worker: Worker | null = null;
  /** Settles when the current thread has loaded its script. */
  private ready: Promise<void> = Promise.resolve();
  private booting: Pending | null = null;
  private pending: Pending | null = null;
  private nextId = 0;
  busy = false;

  constructor(private readonly options: SandboxOptions) {}

  private start(): Worker {
    this.ready = new Promise((resolve, reject) => {
      this.booting = { resolve: () => resolve(), reject };
    });
    // Awaited in run(); a thread that dies while idle has no one waiting.
    this.ready.catch(() => {});
    const worker = new Worker(PRELUDE + this.options.script + READY, {
      eval: true,
      workerData: this.options.data,
      resourceLimits: {
        maxOldGenerationSizeMb: this.options.maxHeapMb,
        maxYoungGenerationSizeMb: Math.min(32, this.options.maxHeapMb / 4),
        stackSizeMb: 4,
      },
    });
    worker.unref();
    worker.on(
      "message",
      (message: {
        ready?: boolean;
        ok?: boolean;
        value?: unknown;
        refusal?: string;
        message?: string;
      }) => {
        if (message.ready) {
          this.booting?.resolve(undefined);
          this.booting = null;
          return;
        }
        const pending = this.pending;
        this.pending = null;
        if (!pending) return;
        if (message.ok) pending.resolve(message.value);
        else if (message.refusal)
          pending.reject(new SandboxRefusal(message.refusal));
        else pending.reject(new Error(message.message));
      },
    );
    worker.on("error", (error: Error & { code?: string }) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.fail(
        new SandboxLimit(
          error.code === "ERR_WORKER_OUT_OF_MEMORY" ? "memory" : "crash",
        ),
      );
    });
    worker.on("exit", () => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.fail(new SandboxLimit("crash"));
    });
    return worker;
  }

  private fail(error: SandboxLimit) {
    this.booting?.reject(error);
    this.booting = null;
    const pending = this.pending;
    this.pending = null;
    pending?.reject(error);
  }

  async run(task: unknown): Promise<unknown> {
    this.busy = true;
    const worker = (this.worker ??= this.start());
    // An idle thread does not keep the process alive; a running task does.
    worker.ref();
    try {
      await this.booted(worker);
      return await new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          this.fail(new SandboxLimit("timeout"));
          this.worker = null;
          void worker.terminate();
        }, this.options.timeoutMs);
        const settle =
          <T>(fn: (v: T) => void) =>
          (value: T) => {
            clearTimeout(timer);
            fn(value);
          };
        this.pending = { resolve: settle(resolve), reject: settle(reject) };
        worker.postMessage({ id: this.nextId++, task });
      });
    } finally {
      worker.unref();
      this.busy = false;
    }
  }

  /** Waits for the thread to load its script, within the boot timeout (then it is replaced, as after a crash). */
  private async booted(worker: Worker): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.ready,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            this.worker = null;
            void worker.terminate();
            reject(new SandboxLimit("crash"));
          }, this.options.bootTimeoutMs ?? BOOT_TIMEOUT_MS);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close() {
    const worker = this.worker;
    this.worker = null;
    this.booting = null;
    await worker?.terminate();
  }
}

/** A pool of `threads` sandboxed workers; tasks beyond that wait their turn. */
export class Sandbox {
  private readonly slots: Slot[];
  private readonly waiting: Array<() => void> = [];

  constructor(options: SandboxOptions) {
    this.slots = Array.from(
      { length: Math.max(1, options.threads) },
      () => new Slot(options),
    );
  }

  async run<T>(task: unknown): Promise<T> {
    let slot = this.slots.find((s) => !s.busy);
    while (!slot) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      slot = this.slots.find((s) => !s.busy);
    }
    slot.busy = true;
    try {
      return (await slot.run(task)) as T;
    } finally {
      this.waiting.shift()?.();
    }
  }

  async close() {
    await Promise.all(this.slots.map((slot) => slot.close()));
  }
}
