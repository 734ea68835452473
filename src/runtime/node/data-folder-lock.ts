/**
 * One writer per data folder: the audit log, drafts and conversations under DATA_DIR are written
 * by one process. A lock file (`${DATA_DIR}/bilagsassistent.lock`, linked into place whole) names the
 * holder's pid, host and start; a second server on the same folder stops at start-up with what to
 * do. A lock left by a process that no longer runs on this host (a crash, kill -9) is taken over,
 * and so is one its holder has stopped refreshing (a heartbeat lease), on any host.
 * The corpus index (LanceDB) is not covered: several processes may share it (see docs/scale.md).
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { link, mkdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { BilagsassistentError } from "../../errors/errors.ts";

export const LOCK_FILE = "bilagsassistent.lock";

type Holder = { pid: number; host: string; startedAt: string; purpose: string; token: string };

/** Locks this process holds: a lock file naming this pid but none of these is left by an earlier process with the same pid (a restarted container). */
const held = new Set<string>();

/** Another process holds the data folder. */
export class DataFolderLockedError extends BilagsassistentError {
  constructor(message: string, details: Record<string, unknown>) {
    super("data_folder_locked", "system", message, { details });
  }
}

export type DataFolderLock = { readonly file: string; release(): Promise<void> };

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function readHolder(file: string): Promise<Holder | undefined> {
  try {
    const value = JSON.parse(await readFile(file, "utf8")) as Partial<Holder>;
    return typeof value.pid === "number" && typeof value.host === "string"
      ? {
          pid: value.pid,
          host: value.host,
          startedAt: String(value.startedAt ?? "?"),
          purpose: String(value.purpose ?? "?"),
          token: String((value as { token?: unknown }).token ?? ""),
        }
      : undefined;
  } catch {
    return undefined;
  }
}

/** How often the holder refreshes the lock file's time; a lock not refreshed for 3 times that is stale on any host. */
export const LOCK_HEARTBEAT_MS = 10_000;

/** Puts `source` in place as `target` only if there is no `target` (link is atomic); false when there is one. */
async function linkInPlace(source: string, target: string): Promise<boolean> {
  try {
    await link(source, target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/**
 * Takes the data folder for this process, or throws DataFolderLockedError naming the holder and
 * what to do. `purpose` says who holds it ("server", "cli draft").
 *
 * The lock file is written whole to a file of its own and linked into place (atomic: no reader
 * ever sees it half-written). The holder touches it every `heartbeatMs`; a lock is stale when its
 * process has ended on this host, or when it has not been touched for 3 × heartbeatMs on any host
 * (a container recreated with a new hostname). A stale lock is deleted only by the one starter
 * holding the take-over mark (`bilagsassistent.lock.takeover`, also linked into place), after
 * checking again: of several starters, exactly one gets the lock.
 */
export async function lockDataFolder(
  folder: string,
  purpose: string,
  options: { heartbeatMs?: number } = {},
): Promise<DataFolderLock> {
  const heartbeatMs = options.heartbeatMs ?? LOCK_HEARTBEAT_MS;
  const directory = path.resolve(folder);
  await mkdir(directory, { recursive: true });
  const file = path.join(directory, LOCK_FILE);
  const me: Holder = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    purpose,
    token: randomUUID(),
  };
  const mine = `${file}.${me.token}.tmp`;
  await writeFile(mine, `${JSON.stringify(me)}\n`, { mode: 0o644, flush: true });
  const isStale = async (at: string): Promise<boolean> => {
    const holder = await readHolder(at);
    const touched = await stat(at).then(
      (info) => info.mtimeMs,
      () => undefined,
    );
    if (touched === undefined) return false;
    if (Date.now() - touched > 3 * heartbeatMs) return true;
    // A lock of a process that has ended on this host is stale at once.
    return (
      holder !== undefined &&
      holder.host === me.host &&
      (holder.pid === me.pid ? !held.has(holder.token) : !running(holder.pid))
    );
  };
  try {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      // Known as this process's before it is visible, so no taker in this process judges it stale.
      held.add(me.token);
      if (!(await linkInPlace(mine, file))) held.delete(me.token);
      else {
        let released = false;
        const heartbeat = setInterval(() => {
          void readHolder(file).then(async (holder) => {
            if (holder?.token !== me.token) return clearInterval(heartbeat);
            const now = new Date();
            await utimes(file, now, now).catch(() => undefined);
          });
        }, heartbeatMs);
        heartbeat.unref();
        return {
          file,
          async release() {
            if (released) return;
            released = true;
            clearInterval(heartbeat);
            held.delete(me.token);
            const holder = await readHolder(file);
            if (holder?.token === me.token) await rm(file, { force: true });
          },
        };
      }
      if (await isStale(file)) {
        // One taker at a time: only the holder of the take-over mark may delete a stale lock, and
        // it checks again while holding the mark (nothing but a taker deletes a lock file, so
        // the lock it judged stale cannot be swapped for a live one in between).
        const mark = `${file}.takeover`;
        if (await linkInPlace(mine, mark)) {
          try {
            if (await isStale(file)) await rm(file, { force: true });
          } finally {
            await rm(mark, { force: true });
          }
        } else {
          // A mark left by a taker that crashed is itself stale after the lease.
          const markTime = await stat(mark).then(
            (info) => info.mtimeMs,
            () => undefined,
          );
          if (markTime !== undefined && Date.now() - markTime > 3 * heartbeatMs)
            await rm(mark, { force: true });
          await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 30));
        }
        continue;
      }
      const holder = await readHolder(file);
      if (holder === undefined) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      throw new DataFolderLockedError(
        `The data folder ${directory} is in use by another Bilagsassistent (${holder.purpose}, pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}). Two processes writing one data folder would fork the audit log and lose drafts. Stop the other one, or give this one its own DATA_DIR (several instances may share the corpus index: see docs/scale.md). If no other process runs, delete ${file} (a lock nobody refreshes is taken over after ${Math.round((3 * heartbeatMs) / 1000)} s anyway).`,
        { file, holder },
      );
    }
    throw new DataFolderLockedError(
      `Could not take the lock ${file}: it keeps changing. Is another Bilagsassistent starting on the same DATA_DIR?`,
      { file },
    );
  } finally {
    await rm(mine, { force: true });
  }
}
