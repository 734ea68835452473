/**
 * The audit trail as an append-only JSON-lines file (`$DATA_DIR/audit-log.jsonl`). Each entry is
 * one line `{"seq","prev","hash","entry"}` written with a single write() on a file opened with
 * O_APPEND, then fsync'ed before `record` resolves (one fsync per entry, no batching). `hash` is
 * sha256 over prev, seq and the entry, and `prev` is the previous line's hash, so an altered,
 * removed or reordered line breaks the chain. A crash mid-write leaves a torn last line: the
 * reader skips and reports it, and the next start seals it with a newline so new lines start clean.
 * One process writes the file at a time (the data-folder lock).
 *
 * With a key (AUDIT_HMAC_KEY) `hash` is an HMAC-SHA256 and the line says `"alg":"hmac-sha256"`:
 * nobody without the key can write a line that verifies, so a log rewritten from line 1 is
 * detected. With a head file the chain is anchored outside the log: after each entry the head
 * (`audit-log.jsonl.head`: the last seq and hash, keyed too) is replaced atomically, so removing
 * the last lines, emptying the file or deleting it is detected at the next start. What was found
 * is kept in the head (`breaks`) and reported on every read from then on.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { mkdir, open, readFile, rename, type FileHandle } from "node:fs/promises";
import path from "node:path";
import {
  AuditEntrySchema,
  type AuditEntry,
  type AuditLogPage,
  type AuditProblem,
  type AuditTrail,
  type StoredAuditEntry,
} from "../../ports/audit-sink.ts";

/** The `prev` of the first line. */
export const GENESIS_HASH = "0".repeat(64);

/** A line's hash: sha256, or with a key an HMAC-SHA256 only the key's holder can make. */
export function chainHash(prev: string, seq: number, entryJson: string, key?: Uint8Array): string {
  const text = `${prev}\n${seq}\n${entryJson}`;
  return (key === undefined ? createHash("sha256") : createHmac("sha256", key))
    .update(text)
    .digest("hex");
}

const KEYED = "hmac-sha256";

/** A key's id on each line and head: the first 8 hex of its sha256 (names the key, reveals nothing usable). */
export function keyId(key: Uint8Array): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

/**
 * The keys a log is verified with: the one in use first, then earlier ones still available (the
 * fallback key file after AUDIT_HMAC_KEY was set). Lines with a key id are checked with that key;
 * older lines without one with any of them. A key change starts a new segment: the lines after it
 * carry the new id and chain on from the last line before it.
 */
function keysById(options: { key?: Uint8Array; previousKeys?: readonly Uint8Array[] }) {
  const keys = [
    ...(options.key === undefined ? [] : [options.key]),
    ...(options.previousKeys ?? []),
  ];
  return new Map(keys.map((key) => [keyId(key), key]));
}

function sameHex(left: string, right: string): boolean {
  return (
    left.length === right.length &&
    timingSafeEqual(Buffer.from(left, "utf8"), Buffer.from(right, "utf8"))
  );
}

export type AuditLogReading = {
  entries: StoredAuditEntry[];
  problems: AuditProblem[];
  lastSeq: number;
  lastHash: string;
  /** The file does not end with a newline (a torn write, or a write cut short). */
  unsealed: boolean;
};

type Line = {
  seq: number;
  prev: string;
  hash: string;
  entry: unknown;
  alg?: string;
  kid?: string;
};

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
    return {
      seq: line.seq,
      prev: line.prev,
      hash: line.hash,
      entry: line.entry,
      ...(typeof line.alg === "string" ? { alg: line.alg } : {}),
      ...(typeof line.kid === "string" ? { kid: line.kid } : {}),
    };
  } catch {
    return undefined;
  }
}

/**
 * Reads and verifies the trail's text: every intact entry, and what is wrong (torn, corrupt, chain
 * broken, sequence gap). With a key every line must carry that key's HMAC; a plain-hash line is
 * corrupt (anyone can compute it). Without a key, keyed lines cannot be checked and are corrupt.
 */
export function readAuditLogText(
  text: string,
  options: { key?: Uint8Array; previousKeys?: readonly Uint8Array[] } = {},
): AuditLogReading {
  const key = options.key;
  const keys = keysById(options);
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
    const keyed = line.alg === KEYED;
    const lineKey = line.kid === undefined ? undefined : keys.get(line.kid);
    const candidates = !keyed
      ? [undefined]
      : line.kid === undefined
        ? [...keys.values()]
        : lineKey === undefined
          ? []
          : [lineKey];
    const verified =
      keyed === (key !== undefined) &&
      candidates.some((candidate) =>
        sameHex(chainHash(line.prev, line.seq, entryJson, candidate), line.hash),
      );
    const missingKey =
      keyed && key !== undefined && line.kid !== undefined && lineKey === undefined;
    if (!verified || !parsed.success) {
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
        message: missingKey
          ? `line ${number} (seq ${line.seq}) is signed with audit key ${line.kid}, which is not available (the key in use is ${keyId(key)}): it cannot be verified. Keep the earlier key where the server finds it (see docs/data-safety.md)`
          : keyed === (key !== undefined)
            ? `line ${number} (seq ${line.seq}) does not match its hash: it was altered`
            : keyed
              ? `line ${number} (seq ${line.seq}) is signed with the audit key, which was not given (AUDIT_HMAC_KEY)`
              : `line ${number} (seq ${line.seq}) is not signed with the audit key: it was written or rewritten without it`,
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

export async function readAuditLog(
  file: string,
  options: { key?: Uint8Array; previousKeys?: readonly Uint8Array[]; head?: string } = {},
): Promise<AuditLogReading> {
  let text = "";
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const reading = readAuditLogText(text, options);
  if (options.head === undefined) return reading;
  const head = await readHead(options.head, options);
  return { ...reading, problems: [...reading.problems, ...anchorProblems(reading, head)] };
}

/** The head: the last entry written, kept outside the log, and the breaks found so far. */
export type AuditHead = {
  seq: number;
  hash: string;
  breaks: AuditProblem[];
};

type HeadReading =
  | { state: "missing" }
  | { state: "invalid"; message: string }
  | { state: "ok"; head: AuditHead };

function headMac(head: AuditHead, key: Uint8Array | undefined): string {
  return chainHash("head", head.seq, JSON.stringify([head.hash, head.breaks]), key);
}

async function readHead(
  file: string,
  options: { key?: Uint8Array; previousKeys?: readonly Uint8Array[] },
): Promise<HeadReading> {
  const keys = keysById(options);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { state: "missing" };
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<AuditHead> & { mac?: unknown; kid?: unknown };
    if (
      typeof value.seq !== "number" ||
      typeof value.hash !== "string" ||
      !Array.isArray(value.breaks) ||
      typeof value.mac !== "string"
    )
      return { state: "invalid", message: `${file} is not a head file` };
    const head: AuditHead = { seq: value.seq, hash: value.hash, breaks: value.breaks };
    const mac = value.mac;
    // The head is checked with its own key (by id), an older head without an id with any key known.
    const candidates: Array<Uint8Array | undefined> =
      typeof value.kid === "string"
        ? keys.has(value.kid)
          ? [keys.get(value.kid)]
          : []
        : keys.size === 0
          ? [undefined]
          : [...keys.values()];
    return candidates.some((candidate) => sameHex(headMac(head, candidate), mac))
      ? { state: "ok", head }
      : { state: "invalid", message: `${file} does not match its signature: it was altered` };
  } catch {
    return { state: "invalid", message: `${file} cannot be read` };
  }
}

/** What the head says about the log: the breaks it keeps, and any new one. */
function anchorProblems(reading: AuditLogReading, head: HeadReading): AuditProblem[] {
  const lines = reading.entries.length;
  if (head.state === "missing")
    return reading.lastSeq === 0
      ? []
      : [
          {
            kind: "unanchored",
            line: 0,
            message: `the log has ${lines} entries but its head file is missing: the head was deleted, or the log was written by a version without one`,
          },
        ];
  if (head.state === "invalid") return [{ kind: "unanchored", line: 0, message: head.message }];
  const found = head.head.breaks;
  const at = reading.entries.find((entry) => entry.seq === head.head.seq);
  if (head.head.seq > reading.lastSeq || (head.head.seq > 0 && at === undefined))
    return [
      ...found,
      {
        kind: "truncated",
        line: lines,
        message: `the log ends at seq ${reading.lastSeq}, but seq ${head.head.seq} was written (its head says so): lines were removed from the end, or the file was emptied or deleted`,
      },
    ];
  if (at !== undefined && at.hash !== head.head.hash)
    return [
      ...found,
      {
        kind: "rewritten",
        line: lines,
        message: `seq ${head.head.seq} in the log is not the entry its head records: the log was rewritten`,
      },
    ];
  return found;
}

async function writeHead(file: string, head: AuditHead, key: Uint8Array | undefined) {
  const temporary = `${file}.tmp`;
  const handle = await open(temporary, "w", 0o600);
  try {
    const kid = key === undefined ? {} : { kid: keyId(key) };
    await handle.writeFile(`${JSON.stringify({ ...head, ...kid, mac: headMac(head, key) })}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
}

export type FileAuditTrail = AuditTrail & {
  readonly file: string;
  /** What the start-up read found (torn tail, damage). */
  readonly opened: { entries: number; problems: AuditProblem[] };
  /** "seq <n> <hash>": the last entry, to copy somewhere the log's writer cannot reach (a journal). */
  head(): string;
  close(): Promise<void>;
};

/**
 * Opens (or creates) the trail; a torn tail left by a crash is sealed with a newline. With `key`
 * lines are HMAC-keyed; with `head` the chain is anchored in that file, and what its check found
 * at this start (a truncated, rewritten or unanchored log) is kept there for good.
 */
export async function createFileAuditTrail(options: {
  file: string;
  key?: Uint8Array;
  /** Earlier keys still available: lines and a head signed with them verify (a key change). */
  previousKeys?: readonly Uint8Array[];
  head?: string;
}): Promise<FileAuditTrail> {
  const file = path.resolve(options.file);
  const key = options.key;
  const headFile = options.head === undefined ? undefined : path.resolve(options.head);
  const verifyWith = {
    ...(key === undefined ? {} : { key }),
    ...(options.previousKeys === undefined ? {} : { previousKeys: options.previousKeys }),
  };
  await mkdir(path.dirname(file), { recursive: true });
  if (headFile !== undefined) await mkdir(path.dirname(headFile), { recursive: true });
  const reading = await readAuditLog(file, {
    ...verifyWith,
    ...(headFile === undefined ? {} : { head: headFile }),
  });
  const handle: FileHandle = await open(file, "a");
  let lastSeq = reading.lastSeq;
  let lastHash = reading.lastHash;
  let needsSeal = reading.unsealed;
  let queue: Promise<unknown> = Promise.resolve();
  const breaks = reading.problems.filter((problem) =>
    ["truncated", "rewritten", "unanchored"].includes(problem.kind),
  );
  const anchor = async (): Promise<void> => {
    if (headFile !== undefined)
      await writeHead(headFile, { seq: lastSeq, hash: lastHash, breaks }, key);
  };
  await anchor();

  const append = async (entry: AuditEntry): Promise<{ seq: number }> => {
    const checked = AuditEntrySchema.parse(entry);
    const seq = lastSeq + 1;
    const entryJson = JSON.stringify(checked);
    const hash = chainHash(lastHash, seq, entryJson, key);
    const alg = key === undefined ? "" : `,"alg":"${KEYED}","kid":"${keyId(key)}"`;
    const line = `${needsSeal ? "\n" : ""}{"seq":${seq},"prev":"${lastHash}","hash":"${hash}"${alg},"entry":${entryJson}}\n`;
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
    await anchor();
    return { seq };
  };

  return {
    file,
    opened: { entries: reading.entries.length, problems: reading.problems },
    head: () => `seq ${lastSeq} ${lastHash}`,
    record(entry) {
      const result = queue.then(() => append(entry));
      queue = result.catch(() => undefined);
      return result;
    },
    async list({ after = 0, limit }): Promise<AuditLogPage> {
      await queue;
      const current = await readAuditLog(file, {
        ...verifyWith,
        ...(headFile === undefined ? {} : { head: headFile }),
      });
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
