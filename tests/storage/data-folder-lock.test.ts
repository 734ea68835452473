/**
 * Two servers on one data folder: the second one stops at start-up with a clear message; a lock
 * left by a killed server is taken over.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { hostname } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DataFolderLockedError,
  LOCK_FILE,
  lockDataFolder,
} from "../../src/runtime/node/data-folder-lock.ts";
import { type ServerProcess, startServer } from "../support/server-process.ts";

let folder: string;
const servers: ServerProcess[] = [];
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "bilagsassistent-lock-"));
});
afterAll(async () => {
  for (const server of servers) await server.stop("SIGKILL");
  await rm(folder, { recursive: true, force: true });
});

describe("the data-folder lock", () => {
  it("refuses a second holder, names the first, and is free again once released", async () => {
    const dir = path.join(folder, "unit");
    const first = await lockDataFolder(dir, "server");
    const refused = await lockDataFolder(dir, "server").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DataFolderLockedError);
    expect(String((refused as Error).message)).toContain(`pid ${process.pid}`);
    expect(String((refused as Error).message)).toContain("DATA_DIR");
    await first.release();
    const second = await lockDataFolder(dir, "server");
    await second.release();
  });

  it("takes over a lock whose process has ended", async () => {
    const dir = path.join(folder, "stale");
    await lockDataFolder(dir, "server");
    // A lock written by a process that no longer runs (pid far above the kernel's range).
    await writeFile(
      path.join(dir, LOCK_FILE),
      JSON.stringify({ pid: 2 ** 22 + 17, host: hostname(), startedAt: "2026-12-01T00:00:00Z" }),
    );
    const taken = await lockDataFolder(dir, "server");
    expect(JSON.parse(await readFile(taken.file, "utf8"))).toMatchObject({ pid: process.pid });
    await taken.release();
    // A lock with this very pid that this process did not take: an earlier run with the same pid
    // (a restarted container, where the server is always pid 1).
    await writeFile(
      path.join(dir, LOCK_FILE),
      JSON.stringify({ pid: process.pid, host: hostname(), token: "an-earlier-run" }),
    );
    const again = await lockDataFolder(dir, "server");
    await again.release();
  });

  it("a second server on the same DATA_DIR exits at start-up with what to do; the first keeps serving", async () => {
    const dataDir = path.join(folder, "servers");
    const env = { DATA_DIR: dataDir, INGEST_ON_START: "never" };
    const first = await startServer(env);
    servers.push(first);
    expect(await first.healthy(), first.output()).toBe(true);
    const second = await startServer(env);
    servers.push(second);
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(
      /data folder .* is in use by another Bilagsassistent \(server, pid \d+/,
    );
    expect(second.output()).toContain("give this one its own DATA_DIR");
    expect((await fetch(`http://127.0.0.1:${first.port}/api/health`)).status).toBe(200);

    // kill -9 leaves the lock behind; the next server takes it over.
    await first.stop("SIGKILL");
    const third = await startServer(env);
    servers.push(third);
    expect(await third.healthy(), third.output()).toBe(true);
    await third.stop();
    expect(third.output()).toMatch(/Audit log head: seq \d+ [0-9a-f]{64}/);
  }, 120_000);

  it("of several starters taking over one stale lock at once, exactly one gets it", async () => {
    for (let round = 0; round < 10; round += 1) {
      const dir = path.join(folder, `race-${round}`);
      await mkdir(dir, { recursive: true });
      await writeFile(
        path.join(dir, LOCK_FILE),
        JSON.stringify({ pid: 2 ** 22 + 17, host: hostname(), startedAt: "2026-12-01T00:00:00Z" }),
      );
      const results = await Promise.allSettled(
        Array.from({ length: 4 }, () => lockDataFolder(dir, "server")),
      );
      const taken = results.filter((result) => result.status === "fulfilled");
      expect(taken, `round ${round}`).toHaveLength(1);
      for (const result of results)
        if (result.status === "rejected")
          expect(result.reason).toBeInstanceOf(DataFolderLockedError);
      await (taken[0] as PromiseFulfilledResult<{ release(): Promise<void> }>).value.release();
      // Nothing is left beside the lock (no temporary or set-aside files).
      expect(await readdir(dir)).toEqual([]);
    }
  });

  it("a lock of another host is taken over once its holder has stopped refreshing it, not before", async () => {
    const dir = path.join(folder, "other-host");
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, LOCK_FILE);
    // A container recreated with a new hostname: the old holder's pid means nothing here.
    await writeFile(
      file,
      JSON.stringify({ pid: 1, host: "old-container", startedAt: "2026-12-01T00:00:00Z" }),
    );
    const refused = await lockDataFolder(dir, "server", { heartbeatMs: 1_000 }).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(DataFolderLockedError);
    const past = new Date(Date.now() - 4_000);
    await utimes(file, past, past);
    const taken = await lockDataFolder(dir, "server", { heartbeatMs: 1_000 });
    expect(JSON.parse(await readFile(file, "utf8"))).toMatchObject({ pid: process.pid });
    await taken.release();
  });

  it("the holder refreshes its lock, so a live holder's lock never looks stale", async () => {
    const dir = path.join(folder, "heartbeat");
    const lock = await lockDataFolder(dir, "server", { heartbeatMs: 100 });
    const past = new Date(Date.now() - 60_000);
    await utimes(lock.file, past, past);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(Date.now() - (await stat(lock.file)).mtimeMs).toBeLessThan(300);
    const refused = await lockDataFolder(dir, "server", { heartbeatMs: 100 }).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(DataFolderLockedError);
    await lock.release();
  });
});
