// `npm test` / `npm run check`: every check the project has. Steps run as soon as what they need is done, several
// at a time (CHECK_CONCURRENCY, default 6), each with its output kept and printed whole when it ends, so parallel
// steps never interleave. The first failure stops the run. `npm run check -- eslint unit` runs only the steps whose
// names start with those words (and what they need).
//
// Integration tests run twice, side by side: against SQLite (a file per test file) and PostgreSQL
// (TEST_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/test); each run has its own template database,
// queue prefixes and storage folders, so they share nothing but Redis (REDIS_URL, default 127.0.0.1:6379). The
// files that use no database (test/support/database-free.ts: marketplace client, storage providers, document
// headers, theme extension) run in the SQLite run only: the PostgreSQL run skips them (SKIP_DATABASE_FREE_TESTS).
// The app is built once, while the tests run; the browser suites (one step, one stack) and the many-process test
// (test/processes/, PostgreSQL only) run the built web and worker entries once they exist. At the end: each
// step's time, longest first.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { steps, type Step } from "./check-steps";

const { DATABASE_URL: _ignored, ...baseEnv } = process.env;

function selected(only: string[]): Step[] {
  if (!only.length) return steps;
  const wanted = new Set<string>();
  const add = (step: Step) => {
    if (wanted.has(step.name)) return;
    wanted.add(step.name);
    for (const name of step.after ?? [])
      add(steps.find((s) => s.name === name)!);
  };
  for (const step of steps)
    if (only.some((word) => step.name.startsWith(word))) add(step);
  return steps.filter((step) => wanted.has(step.name));
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
// Six at a time on two cores: the integration runs and the browser tests (the longest steps) at normal priority
// start first and spend part of their time waiting (on Redis, the emulator's pacing, the worker, the browser);
// the CPU-bound checks run beside them in the background (lower priority) and fill what they leave idle.
const concurrency = Number(process.env.CHECK_CONCURRENCY) || 6;
const plan = selected(process.argv.slice(2));
const logs = mkdtempSync(path.join(tmpdir(), "vitrine-check-"));
const started = performance.now();
const done = new Set<string>();
const durations = new Map<string, number>();
/** Each finished step's CPU seconds (user + system, its whole process tree that was waited for). */
const cpuSeconds = new Map<string, number>();
const running = new Map<string, ChildProcess>();
let failed = false;

function stopAll() {
  // Each step is its own process group: stop it with everything it started (vitest forks, the e2e's servers).
  for (const child of running.values())
    if (child.pid) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // Already gone.
      }
    }
}
// Interrupted (Ctrl-C, or CI's time limit sending SIGTERM): stop every step's process group with it.
for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
] as const)
  process.on(signal, () => {
    stopAll();
    process.exit(code);
  });

function run(step: Step): Promise<void> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const logFile = path.join(logs, `${step.name.replace(/\W+/g, "-")}.log`);
    const log = createWriteStream(logFile);
    const cpuFile = `${logFile}.cpu`;
    console.log(`▶ ${step.name}`);
    // Through a POSIX shell whose `times` reports the CPU its children used: on two cores the sum of the steps'
    // CPU, not their overlapping wall-clock times, is what bounds the run.
    const shell = ["/bin/sh", "-c", withCpuTimes, "sh", cpuFile];
    const niceness = step.background ? 10 : step.yields ? 4 : 0;
    const [command, ...args] = niceness
      ? ["nice", "-n", String(niceness), ...shell, ...step.command]
      : [...shell, ...step.command];
    const child = spawn(command!, args, {
      env: { ...baseEnv, FORCE_COLOR: "1", ...step.env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    running.set(step.name, child);
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    // What the step left running (a server its script did not stop) would hold its output open: once the step
    // exits, its process group goes too.
    child.on("exit", () => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // Nothing left.
      }
    });
    child.on("close", (code, signal) => {
      running.delete(step.name);
      log.end(() => {
        durations.set(step.name, performance.now() - t0);
        const cpu = cpuOf(cpuFile);
        if (cpu !== undefined) cpuSeconds.set(step.name, cpu);
        const elapsed = seconds(durations.get(step.name)!);
        if (failed && signal) return resolve(); // stopped because another step failed
        const output = readFileSync(logFile, "utf8").trimEnd();
        console.log(`\n──── ${step.name} ${"─".repeat(60)}`);
        if (output) console.log(output);
        if (code === 0) {
          console.log(`✔ ${step.name} (${elapsed})`);
          done.add(step.name);
        } else if (!failed) {
          failed = true;
          console.error(
            `✖ ${step.name} failed after ${elapsed} (exit ${code ?? signal})`,
          );
          stopAll();
        }
        resolve();
      });
    });
  });
}

// Runs the step ("$@") and writes the shell's children's user and system CPU time to the file "$1".
const withCpuTimes =
  'out="$1"; shift; "$@"; status=$?; times > "$out"; exit $status';

/** Sums the children's line of `times` ("1m2.50s 0m3.25s"), in seconds. */
function cpuOf(file: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const children = text.trim().split("\n").at(-1) ?? "";
  const parts = [...children.matchAll(/(\d+)m([\d.]+)s/g)];
  if (parts.length !== 2) return undefined;
  return parts.reduce((sum, [, m, s]) => sum + Number(m) * 60 + Number(s), 0);
}

/** The machine's busy and total CPU time so far (Linux /proc/stat, in clock ticks), or undefined elsewhere. */
function machineCpu(): { busy: number; total: number } | undefined {
  try {
    const fields = readFileSync("/proc/stat", "utf8")
      .split("\n")[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const total = fields.reduce((sum, n) => sum + n, 0);
    // idle and iowait are the 4th and 5th numbers.
    return { busy: total - fields[3]! - fields[4]!, total };
  } catch {
    return undefined;
  }
}
const cpuAtStart = machineCpu();

/**
 * Each finished step's wall-clock time, longest first (steps overlap, so they add up to more than the run), and
 * the CPU it used: the CPU total over the cores is the floor under the run's time.
 */
function printTimings() {
  if (!durations.size) return;
  console.log("\nstep timings (wall, CPU):");
  for (const [name, ms] of [...durations].sort((a, b) => b[1] - a[1])) {
    const cpu = cpuSeconds.get(name);
    const cpuText = cpu === undefined ? "" : `${cpu.toFixed(1)}s`;
    console.log(
      `  ${seconds(ms).padStart(8)}  ${cpuText.padStart(8)}  ${name}`,
    );
  }
  const total = [...cpuSeconds.values()].reduce((sum, s) => sum + s, 0);
  console.log(`  CPU total ${total.toFixed(1)}s`);
  // How busy the whole machine was meanwhile (servers such as PostgreSQL included, and anything else running):
  // near 100% means the run is bound by CPU; well below, by waits.
  const now = machineCpu();
  if (cpuAtStart && now && now.total > cpuAtStart.total)
    console.log(
      `  machine CPU busy ${((100 * (now.busy - cpuAtStart.busy)) / (now.total - cpuAtStart.total)).toFixed(0)}% (${os.cpus().length} cores)`,
    );
}

async function main() {
  const pending = [...plan];
  const active = new Set<Promise<void>>();
  while ((pending.length || active.size) && !failed) {
    for (let i = 0; i < pending.length && active.size < concurrency;) {
      const step = pending[i]!;
      const needs = (step.after ?? []).filter((name) =>
        plan.some((s) => s.name === name),
      );
      if (needs.every((name) => done.has(name))) {
        pending.splice(i, 1);
        const promise = run(step).finally(() => active.delete(promise));
        active.add(promise);
      } else i += 1;
    }
    if (active.size) await Promise.race(active);
  }
  await Promise.all(active);
  rmSync(logs, { recursive: true, force: true });
  printTimings();
  if (failed) process.exit(1);
  console.log(
    `\nall checks passed in ${seconds(performance.now() - started)} (${plan.length} steps, ${concurrency} at a time)`,
  );
}

await main();
