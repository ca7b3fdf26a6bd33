// Real processes for reliability tests and benchmarks: a private redis-server that can be stopped and started again
// on the same port, and the app's worker and web processes as children that can be stopped (SIGTERM) or killed.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { hostname } from "node:os";
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

/** One JSON log line of a child process (pino), or `{ msg }` for a line that is not JSON. */
export interface LogLine {
  msg?: string;
  level?: number;
  [field: string]: unknown;
}

/**
 * An app process (web or worker) run from source with tsx, its JSON log lines collected. Stop it with SIGTERM
 * (`terminate`, graceful: its exit code tells whether it shut down cleanly) or SIGKILL (`kill`, a crash).
 */
class AppProcess {
  readonly lines: LogLine[] = [];
  readonly exited: Promise<{ code: number | null; signal: string | null }>;

  protected constructor(protected readonly child: ChildProcess) {
    this.exited = new Promise((resolve) =>
      child.once("exit", (code, signal) => resolve({ code, signal })),
    );
    createInterface({ input: child.stdout! }).on("line", (line) => {
      try {
        this.lines.push(JSON.parse(line) as LogLine);
      } catch {
        this.lines.push({ msg: line });
      }
    });
  }

  /** `built`: the production entry `npm run build` made (build/node/), started by node alone; else the source. */
  protected static spawn(
    kind: "web" | "worker",
    env: Record<string, string>,
    built: boolean,
  ) {
    const args = built
      ? ["--enable-source-maps", `build/node/${kind}.js`]
      : ["--import", "tsx", `app/${kind}/main.server.ts`];
    return spawn(process.execPath, args, {
      env: {
        ...process.env,
        LOG_LEVEL: "info",
        NODE_ENV: "production",
        ...env,
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  protected async started(message: string): Promise<void> {
    await waitFor(
      () => {
        if (!this.running)
          throw new Error(`the process exited before "${message}"`);
        return Promise.resolve(this.lines.some((l) => l.msg === message));
      },
      `the process did not log "${message}"`,
      120_000,
    );
  }

  /** SIGTERM: a graceful stop, as a platform scaling down or deploying sends it. Resolves with how it exited. */
  async terminate(): Promise<{ code: number | null; signal: string | null }> {
    if (this.running) this.child.kill("SIGTERM");
    return this.exited;
  }

  /** SIGKILL: the process dies mid-job, as on a crash or an OOM kill. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.child.kill("SIGKILL");
    await this.exited;
  }
}

/** The worker (`npm run worker`, or `npm run start:worker` when built) as a child process; resolves once it logged "worker started". */
export class WorkerProcess extends AppProcess {
  static async start(
    env: Record<string, string>,
    options: { built?: boolean } = {},
  ): Promise<WorkerProcess> {
    const worker = new WorkerProcess(
      AppProcess.spawn("worker", env, options.built ?? false),
    );
    await worker.started("worker started");
    return worker;
  }

  /** The name BullMQ records as a job's `processedBy` for this process (run.server.ts). */
  get name(): string {
    return `${hostname()}:${this.pid}`;
  }
}

/**
 * The web process (`npm start`, or app/web/main.server.ts from source) serving the Remix build in build/server/,
 * on a free port; resolves once it logged "web started".
 */
export class WebProcess extends AppProcess {
  private constructor(
    child: ChildProcess,
    readonly url: string,
  ) {
    super(child);
  }

  static async start(
    env: Record<string, string>,
    options: { built?: boolean } = {},
  ): Promise<WebProcess> {
    const port = await freePort();
    const web = new WebProcess(
      AppProcess.spawn(
        "web",
        { ...env, PORT: String(port) },
        options.built ?? false,
      ),
      `http://127.0.0.1:${port}`,
    );
    await web.started("web started");
    return web;
  }
}
