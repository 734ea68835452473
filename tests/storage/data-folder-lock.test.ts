/**
 * Two servers on one data folder: the second one stops at start-up with a clear message; a lock
 * left by a killed server is taken over.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
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
});
