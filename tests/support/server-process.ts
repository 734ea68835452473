/** Starting `src/runtime/node/server.ts` as a child process (own process group) for tests. */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address !== null
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

export type ServerProcess = {
  child: ChildProcess;
  port: number;
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Waits until /api/health answers 200, or the process ends, or the time is up. */
  healthy(timeoutMs?: number): Promise<boolean>;
  /** Ends the whole process group (SIGTERM, then SIGKILL after a grace). */
  stop(signal?: NodeJS.Signals): Promise<void>;
};

export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "src/runtime/node/server.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const parts: string[] = [];
  child.stdout?.on("data", (part: Buffer) => parts.push(part.toString()));
  child.stderr?.on("data", (part: Buffer) => parts.push(part.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  let ended = false;
  void exited.then(() => {
    ended = true;
  });
  return {
    child,
    port,
    output: () => parts.join(""),
    exited,
    async healthy(timeoutMs = 90_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline && !ended) {
        try {
          const response = await fetch(`http://127.0.0.1:${port}/api/health`);
          if (response.status === 200) return true;
        } catch {
          // not listening yet
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      return false;
    },
    async stop(signal = "SIGTERM") {
      if (ended || child.pid === undefined) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        if (!ended && child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      }, 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
