/**
 * One writer per data folder: the audit log, drafts and conversations under DATA_DIR are written
 * by one process. A lock file (`${DATA_DIR}/bilagsassistent.lock`, created with O_EXCL) names the
 * holder's pid, host and start; a second server on the same folder stops at start-up with what to
 * do. A lock left by a process that no longer runs on this host (a crash, kill -9) is taken over.
 * The corpus index (LanceDB) is not covered: several processes may share it (see docs/scale.md).
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { mkdir, open, readFile, rm } from "node:fs/promises";
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

/**
 * Takes the data folder for this process, or throws DataFolderLockedError naming the holder and
 * what to do. `purpose` says who holds it ("server", "cli draft").
 */
export async function lockDataFolder(folder: string, purpose: string): Promise<DataFolderLock> {
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
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const handle = await open(file, "wx", 0o644);
      await handle.writeFile(`${JSON.stringify(me)}\n`);
      await handle.sync();
      await handle.close();
      held.add(me.token);
      let released = false;
      return {
        file,
        async release() {
          if (released) return;
          released = true;
          held.delete(me.token);
          const holder = await readHolder(file);
          if (holder?.token === me.token) await rm(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = await readHolder(file);
    // A lock of a process that has ended on this host (or a half-written lock file) is stale.
    const stale =
      holder === undefined
        ? attempt > 0
        : holder.host === me.host &&
          (holder.pid === me.pid ? !held.has(holder.token) : !running(holder.pid));
    if (stale) {
      await rm(file, { force: true });
      continue;
    }
    if (holder === undefined) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    throw new DataFolderLockedError(
      `The data folder ${directory} is in use by another Bilagsassistent (${holder.purpose}, pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}). Two processes writing one data folder would fork the audit log and lose drafts. Stop the other one, or give this one its own DATA_DIR (several instances may share the corpus index: see docs/scale.md). If no other process runs, delete ${file}.`,
      { file, holder },
    );
  }
  throw new DataFolderLockedError(
    `Could not take the lock ${file}: it keeps changing. Is another Bilagsassistent starting on the same DATA_DIR?`,
    { file },
  );
}
