// The demo's child processes: started with the demo's environment, their output passed through, stopped
// together (SIGTERM, then SIGKILL after a grace period) when the demo ends or one of them dies.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";

const GRACE_MS = 15_000;

export class Processes {
  private readonly children: { name: string; child: ChildProcess }[] = [];
  private stopping = false;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly say: (message: string) => void,
  ) {
    process.on("SIGINT", () => void this.stopAll(0));
    process.on("SIGTERM", () => void this.stopAll(0));
  }

  adopt(child: ChildProcess | null, name = "redis"): void {
    if (child) this.children.push({ name, child });
  }

  start(name: string, [command, ...args]: string[]): ChildProcess {
    const child = spawn(command!, args, {
      env: this.env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    createInterface({ input: child.stdout! }).on("line", (line) =>
      console.log(`[${name}] ${line}`),
    );
    child.on("exit", (code, signal) => {
      if (this.stopping) return;
      this.say(`${name} exited (${signal ?? code}); stopping everything`);
      void this.stopAll(1);
    });
    this.children.push({ name, child });
    return child;
  }

  waitForLine(
    child: ChildProcess,
    pattern: RegExp,
    timeoutMs: number,
  ): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out waiting for ${pattern}`)),
        timeoutMs,
      );
      createInterface({ input: child.stdout! }).on("line", (line) => {
        if (!pattern.test(line)) return;
        clearTimeout(timer);
        resolve(line);
      });
    });
  }

  /**
   * Polls `url` until it answers 2xx. Every `progressMs` it says how long it has waited and what it last heard,
   * so a slow start on a loaded machine reads as progress, not as a hang.
   */
  async waitForHealth(
    url: string,
    timeoutMs: number,
    progressMs = 10_000,
  ): Promise<unknown> {
    const started = Date.now();
    const deadline = started + timeoutMs;
    let nextProgress = started + progressMs;
    let last: unknown = "no answer yet";
    while (Date.now() < deadline) {
      try {
        const response = await fetch(url);
        last = await response.json();
        if (response.ok) return last;
      } catch (error) {
        last = (error as Error).message;
      }
      if (Date.now() >= nextProgress) {
        nextProgress += progressMs;
        this.say(
          `still waiting for ${url} (${Math.round((Date.now() - started) / 1000)} s of ${timeoutMs / 1000} s; last: ${JSON.stringify(last)})`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`${url} did not become ready: ${JSON.stringify(last)}`);
  }

  async stopAll(code: number): Promise<never> {
    this.stopping = true;
    for (const { child } of [...this.children].reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      child.kill("SIGTERM");
      const exited = await Promise.race([
        once(child, "exit").then(() => true),
        new Promise<false>((resolve) =>
          setTimeout(() => resolve(false), GRACE_MS),
        ),
      ]);
      if (!exited) child.kill("SIGKILL");
    }
    process.exit(code);
  }
}
