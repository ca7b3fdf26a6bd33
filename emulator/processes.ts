// Real processes for reliability tests and benchmarks: a private redis-server that can be stopped and started again
// on the same port, and `npm run worker` as a child process that can be killed.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { createInterface } from "node:readline";
import { Redis } from "ioredis";

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitFor(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A redis-server of our own (nothing on disk), so a test can stop Redis without touching anyone else's. */
export class RedisServer {
  private child: ChildProcess | undefined;

  private constructor(readonly port: number) {}

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort());
    await server.start();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn(
      "redis-server",
      [
        "--port",
        String(this.port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
      ],
      { stdio: "ignore" },
    );
    await waitFor(
      () => this.ping(),
      `redis-server on ${this.port} did not answer`,
    );
  }

  async ping(): Promise<boolean> {
    const redis = new Redis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    try {
      await redis.connect();
      return (await redis.ping()) === "PONG";
    } catch {
      return false;
    } finally {
      redis.disconnect();
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    child.kill("SIGKILL");
    await once(child, "exit");
  }
}

/** `npm run worker` as a child process; resolves once it logged "worker started". */
export class WorkerProcess {
  readonly lines: { msg?: string }[] = [];

  private constructor(private readonly child: ChildProcess) {}

  static async start(env: Record<string, string>): Promise<WorkerProcess> {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "app/worker/main.server.ts"],
      {
        env: {
          ...process.env,
          LOG_LEVEL: "info",
          NODE_ENV: "production",
          ...env,
        },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const worker = new WorkerProcess(child);
    createInterface({ input: child.stdout! }).on("line", (line) => {
      try {
        worker.lines.push(JSON.parse(line) as { msg?: string });
      } catch {
        worker.lines.push({ msg: line });
      }
    });
    await waitFor(
      () =>
        Promise.resolve(worker.lines.some((l) => l.msg === "worker started")),
      "the worker did not start",
      30_000,
    );
    return worker;
  }

  /** SIGKILL: the process dies mid-job, as on a crash or an OOM kill. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode) return;
    this.child.kill("SIGKILL");
    await once(this.child, "exit");
  }
}
