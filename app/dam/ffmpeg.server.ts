// ffmpeg and ffprobe as bounded child processes: one thread, an address-space cap (`ulimit -v`), a wall-clock
// deadline after which the process is killed, and a cap on what it may print. A hostile video can make a decoder
// spin or allocate without end; only a separate process can be stopped, and it never runs on the web's event loop.
import { spawn } from "node:child_process";
import { env } from "~/env.server";

export type MediaTool = "ffmpeg" | "ffprobe";

export interface ToolLimits {
  /** Killed (SIGKILL) after this many milliseconds. */
  timeoutMs: number;
  /** Address-space cap in bytes (ulimit -v). */
  memoryBytes?: number;
  /** Most stdout kept; more kills the process. */
  maxOutputBytes?: number;
}

/** The tool is not installed (or not executable): video work cannot run on this machine. */
export class MediaToolMissing extends Error {
  constructor(readonly tool: MediaTool) {
    super(
      `${tool} is not installed on this server (install Debian's ffmpeg package or set ${tool.toUpperCase()}_PATH)`,
    );
  }
}

/** The tool ran and failed, timed out or printed too much; `stderr` is its last words (capped). */
export class MediaToolFailed extends Error {
  constructor(
    readonly tool: MediaTool,
    readonly reason: "exit" | "timeout" | "output",
    readonly stderr: string,
  ) {
    super(`${tool} failed (${reason}): ${stderr.slice(-300)}`);
  }
}

const DEFAULT_MEMORY = 1024 * 1024 * 1024;
const DEFAULT_OUTPUT = 4 * 1024 * 1024;

function binary(tool: MediaTool): string {
  return tool === "ffmpeg" ? env().FFMPEG_PATH : env().FFPROBE_PATH;
}

/**
 * Runs ffmpeg or ffprobe with `args` under `limits`; resolves with its stdout. Rejects with MediaToolMissing when
 * the binary cannot be started, MediaToolFailed on a non-zero exit, the deadline or too much output.
 */
export function runMediaTool(
  tool: MediaTool,
  args: string[],
  limits: ToolLimits,
): Promise<Buffer> {
  const memoryKb = Math.floor((limits.memoryBytes ?? DEFAULT_MEMORY) / 1024);
  const maxOutput = limits.maxOutputBytes ?? DEFAULT_OUTPUT;
  return new Promise((resolve, reject) => {
    // `exec` replaces the shell, so the kill below reaches the tool itself. 127: the shell could not find it.
    const child = spawn(
      "/bin/sh",
      ["-c", `ulimit -v ${memoryKb} && exec "$@"`, "sh", binary(tool), ...args],
      {
        env: {
          NODE_ENV: process.env.NODE_ENV,
          PATH: process.env.PATH ?? "/usr/bin:/bin",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const out: Buffer[] = [];
    let outBytes = 0;
    let stderr = "";
    let stopped: "timeout" | "output" | null = null;
    const stop = (reason: "timeout" | "output") => {
      stopped ??= reason;
      child.kill("SIGKILL");
    };
    const timer = setTimeout(() => stop("timeout"), limits.timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > maxOutput) return stop("output");
      out.push(chunk);
      return undefined;
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString("utf8")).slice(-4000);
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (stopped) reject(new MediaToolFailed(tool, stopped, stderr));
      else if (code === 127 || code === 126) reject(new MediaToolMissing(tool));
      else if (code !== 0) reject(new MediaToolFailed(tool, "exit", stderr));
      else resolve(Buffer.concat(out));
    });
  });
}
