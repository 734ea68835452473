/**
 * The audit trail as an append-only JSON-lines file (`$DATA_DIR/audit-log.jsonl`). Each entry is
 * one line `{"seq","prev","hash","entry"}` written with a single write() on a file opened with
 * O_APPEND, then fsync'ed before `record` resolves (one fsync per entry, no batching). `hash` is
 * sha256 over prev, seq and the entry, and `prev` is the previous line's hash, so an altered,
 * removed or reordered line breaks the chain. A crash mid-write leaves a torn last line: the
 * reader skips and reports it, and the next start seals it with a newline so new lines start clean.
 * One process writes the file at a time.
 */
import { createHash } from "node:crypto";
import { mkdir, open, readFile, type FileHandle } from "node:fs/promises";
import path from "node:path";
import {
  AuditEntrySchema,
  type AuditEntry,
  type AuditLogPage,
  type AuditProblem,
  type AuditTrail,
  type StoredAuditEntry,
} from "../../security/audit-trail.ts";

/** The `prev` of the first line. */
export const GENESIS_HASH = "0".repeat(64);

export function chainHash(prev: string, seq: number, entryJson: string): string {
  return createHash("sha256").update(`${prev}\n${seq}\n${entryJson}`).digest("hex");
}

export type AuditLogReading = {
  entries: StoredAuditEntry[];
  problems: AuditProblem[];
  lastSeq: number;
  lastHash: string;
  /** The file does not end with a newline (a torn write, or a write cut short). */
  unsealed: boolean;
};

type Line = { seq: number; prev: string; hash: string; entry: unknown };

function parseLine(text: string): Line | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null) return undefined;
    const line = value as Record<string, unknown>;
    if (
      typeof line.seq !== "number" ||
      typeof line.prev !== "string" ||
      typeof line.hash !== "string" ||
      !("entry" in line)
    )
      return undefined;
    return { seq: line.seq, prev: line.prev, hash: line.hash, entry: line.entry };
  } catch {
    return undefined;
  }
}

/** Reads and verifies the trail's text: every intact entry, and what is wrong (torn, corrupt, chain broken, sequence gap). */
export function readAuditLogText(text: string): AuditLogReading {
  const entries: StoredAuditEntry[] = [];
  const problems: AuditProblem[] = [];
  const unsealed = text !== "" && !text.endsWith("\n");
  const lines = text.split("\n");
  if (!unsealed) lines.pop();
  let lastSeq = 0;
  let lastHash = GENESIS_HASH;
  /** An unreadable line waits here until the next good line tells a sealed crash tear from damage. */
  let unreadable: number | undefined;
  lines.forEach((raw, index) => {
    const number = index + 1;
    const isLast = index === lines.length - 1;
    const line = raw === "" ? undefined : parseLine(raw);
    if (line === undefined) {
      if (raw === "" && !isLast) return;
      if (unreadable !== undefined)
        problems.push({
          kind: "corrupt",
          line: unreadable,
          message: `line ${unreadable} cannot be read`,
        });
      unreadable = number;
      return;
    }
    const entryJson = JSON.stringify(line.entry);
    const parsed = AuditEntrySchema.safeParse(line.entry);
    if (chainHash(line.prev, line.seq, entryJson) !== line.hash || !parsed.success) {
      if (unreadable !== undefined)
        problems.push({
          kind: "corrupt",
          line: unreadable,
          message: `line ${unreadable} cannot be read`,
        });
      unreadable = undefined;
      problems.push({
        kind: "corrupt",
        line: number,
        message: `line ${number} (seq ${line.seq}) does not match its hash: it was altered`,
      });
      return;
    }
    if (unreadable !== undefined) {
      const sealedTear = line.prev === lastHash && line.seq === lastSeq + 1;
      problems.push(
        sealedTear
          ? {
              kind: "torn",
              line: unreadable,
              message: `line ${unreadable} is a write cut short by a crash (never committed); skipped`,
            }
          : { kind: "corrupt", line: unreadable, message: `line ${unreadable} cannot be read` },
      );
      unreadable = undefined;
    }
    if (line.prev !== lastHash)
      problems.push({
        kind: "chain_broken",
        line: number,
        message: `line ${number} (seq ${line.seq}) does not follow the line before it: lines were removed, reordered or altered`,
      });
    if (line.seq !== lastSeq + 1)
      problems.push({
        kind: "sequence_gap",
        line: number,
        message: `seq ${line.seq} follows seq ${lastSeq}`,
      });
    entries.push({ ...parsed.data, seq: line.seq, prev: line.prev, hash: line.hash });
    lastSeq = line.seq;
    lastHash = line.hash;
  });
  if (unreadable !== undefined) {
    const tail = unreadable === lines.length;
    problems.push(
      tail
        ? {
            kind: "torn",
            line: unreadable,
            message: `the last line (${unreadable}) is incomplete: a write cut short by a crash (never committed); skipped`,
          }
        : { kind: "corrupt", line: unreadable, message: `line ${unreadable} cannot be read` },
    );
  }
  return { entries, problems, lastSeq, lastHash, unsealed };
}

export async function readAuditLog(file: string): Promise<AuditLogReading> {
  let text = "";
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  return readAuditLogText(text);
}

export type FileAuditTrail = AuditTrail & {
  readonly file: string;
  /** What the start-up read found (torn tail, damage). */
  readonly opened: { entries: number; problems: AuditProblem[] };
  close(): Promise<void>;
};

/** Opens (or creates) the trail; a torn tail left by a crash is sealed with a newline. */
export async function createFileAuditTrail(options: { file: string }): Promise<FileAuditTrail> {
  const file = path.resolve(options.file);
  await mkdir(path.dirname(file), { recursive: true });
  const reading = await readAuditLog(file);
  const handle: FileHandle = await open(file, "a");
  let lastSeq = reading.lastSeq;
  let lastHash = reading.lastHash;
  let needsSeal = reading.unsealed;
  let queue: Promise<unknown> = Promise.resolve();

  const append = async (entry: AuditEntry): Promise<{ seq: number }> => {
    const checked = AuditEntrySchema.parse(entry);
    const seq = lastSeq + 1;
    const entryJson = JSON.stringify(checked);
    const hash = chainHash(lastHash, seq, entryJson);
    const line = `${needsSeal ? "\n" : ""}{"seq":${seq},"prev":"${lastHash}","hash":"${hash}","entry":${entryJson}}\n`;
    try {
      await handle.write(line);
      await handle.sync();
    } catch (error) {
      // Part of the line may be on disk: start the next one on a fresh line.
      needsSeal = true;
      throw error;
    }
    needsSeal = false;
    lastSeq = seq;
    lastHash = hash;
    return { seq };
  };

  return {
    file,
    opened: { entries: reading.entries.length, problems: reading.problems },
    record(entry) {
      const result = queue.then(() => append(entry));
      queue = result.catch(() => undefined);
      return result;
    },
    async list({ after = 0, limit }): Promise<AuditLogPage> {
      await queue;
      const current = await readAuditLog(file);
      const entries = current.entries.filter((entry) => entry.seq > after).slice(0, limit);
      return {
        entries,
        lastSeq: current.lastSeq,
        integrity: {
          ok: current.problems.every((problem) => problem.kind === "torn"),
          problems: current.problems,
        },
      };
    },
    async close() {
      await queue;
      await handle.close();
    },
  };
}
