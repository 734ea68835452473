/**
 * Checks a zip archive (.docx, .xlsx) before any reader unpacks it: the number of entries, each
 * entry's and the whole archive's unpacked size, and how much each entry expands (its ratio).
 * The sizes the archive declares are checked first; then every entry is inflated as a stream,
 * counting bytes and stopping at the limit, so an archive that lies about its sizes is caught too.
 * A decompression bomb is refused with a 413 naming the entry and the limit, before a reader
 * (mammoth, exceljs) spends memory on it. Web APIs only (DecompressionStream): runs on Node and
 * Workers.
 */
import { CorpusError, TooLargeError } from "../errors/errors.ts";

export type ArchiveLimits = {
  /** Most entries (files and folders) in the archive. */
  maxEntries: number;
  /** Largest unpacked size of the whole archive, bytes. */
  maxTotalBytes: number;
  /** Largest unpacked size of one entry, bytes. */
  maxEntryBytes: number;
  /** Largest unpacked/packed ratio of an entry larger than `ratioFloorBytes`. */
  maxRatio: number;
  /** Entries smaller than this unpacked are not held to the ratio (tiny files compress oddly). */
  ratioFloorBytes: number;
};

/**
 * Defaults for office documents: a real annex or budget note is a few MB of XML that compresses
 * 5-20 times; images do not compress. A 72 KB file that unpacks to 20 MB (ratio ~280) is refused.
 */
export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 2_000,
  maxTotalBytes: 64 * 1024 * 1024,
  maxEntryBytes: 16 * 1024 * 1024,
  maxRatio: 100,
  ratioFloorBytes: 1024 * 1024,
};

export type ArchiveEntry = {
  name: string;
  method: number;
  compressedBytes: number;
  declaredBytes: number;
  localHeaderOffset: number;
};

export type ArchiveReport = { entries: number; totalBytes: number; largestEntry: string };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toLocaleString("da-DK", { maximumFractionDigits: 1 })} MB`;
}

function broken(name: string, why: string): CorpusError {
  return new CorpusError(
    "archive_invalid",
    `${name}: the file is not a readable Word or Excel file (${why}). Open it in Word or Excel and save it again.`,
    { details: { file: name } },
  );
}

/** The central directory's entries, as the archive declares them. */
export function readZipDirectory(name: string, bytes: Uint8Array): ArchiveEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let at = bytes.byteLength - 22; at >= Math.max(0, bytes.byteLength - 65_557); at -= 1)
    if (view.getUint32(at, true) === EOCD) {
      end = at;
      break;
    }
  if (end < 0) throw broken(name, "no zip directory at its end");
  const count = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const offset = view.getUint32(end + 16, true);
  if (count === 0xffff || offset === 0xffffffff)
    throw broken(name, "a zip64 archive, which office documents of this size never are");
  if (offset + size > bytes.byteLength) throw broken(name, "its zip directory points past its end");
  const entries: ArchiveEntry[] = [];
  let at = offset;
  const decoder = new TextDecoder();
  for (let index = 0; index < count; index += 1) {
    if (at + 46 > bytes.byteLength || view.getUint32(at, true) !== CENTRAL)
      throw broken(name, `zip directory entry ${index + 1} is damaged`);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    entries.push({
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedBytes: view.getUint32(at + 20, true),
      declaredBytes: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function bomb(name: string, message: string, details: Record<string, unknown>): TooLargeError {
  return new TooLargeError(
    "archive_too_large",
    `${name}: ${message} This looks like a decompression bomb, or a document far larger than an annex or budget note; nothing was read. Split the document, or remove large embedded files.`,
    { details: { file: name, ...details } },
  );
}

function checkDeclared(name: string, entry: ArchiveEntry, bytes: number, limits: ArchiveLimits) {
  if (bytes > limits.maxEntryBytes)
    throw bomb(
      name,
      `the part "${entry.name}" unpacks to more than ${mb(limits.maxEntryBytes)} (the limit for one part).`,
      { entry: entry.name, maxEntryBytes: limits.maxEntryBytes },
    );
  const packed = Math.max(entry.compressedBytes, 1);
  if (bytes >= limits.ratioFloorBytes && bytes / packed > limits.maxRatio)
    throw bomb(
      name,
      `the part "${entry.name}" unpacks from ${mb(packed)} to ${mb(bytes)}, more than ${limits.maxRatio} times its packed size.`,
      { entry: entry.name, maxRatio: limits.maxRatio },
    );
}

/** Inflates one entry as a stream, counting bytes; throws at the first byte past a limit. */
async function inflatedSize(
  name: string,
  bytes: Uint8Array,
  entry: ArchiveEntry,
  limits: ArchiveLimits,
  totalSoFar: number,
): Promise<number> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.byteLength || view.getUint32(at, true) !== LOCAL)
    throw broken(name, `the part "${entry.name}" is damaged`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const data = bytes.subarray(start, Math.min(bytes.byteLength, start + entry.compressedBytes));
  if (entry.method === 0) return data.byteLength;
  if (entry.method !== 8)
    throw broken(name, `the part "${entry.name}" uses compression method ${entry.method}`);
  const reader = new Blob([data.slice()])
    .stream()
    .pipeThrough(new DecompressionStream("deflate-raw"))
    .getReader();
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      checkDeclared(name, entry, size, limits);
      if (totalSoFar + size > limits.maxTotalBytes)
        throw bomb(name, `the archive unpacks to more than ${mb(limits.maxTotalBytes)}.`, {
          maxTotalBytes: limits.maxTotalBytes,
        });
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    if (error instanceof TooLargeError) throw error;
    throw broken(name, `the part "${entry.name}" cannot be unpacked`);
  }
  return size;
}

/**
 * Checks an archive against the limits; throws TooLargeError (413) for a bomb and CorpusError (400)
 * for a damaged archive. Returns what it measured.
 */
export async function checkArchive(
  name: string,
  bytes: Uint8Array,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): Promise<ArchiveReport> {
  const entries = readZipDirectory(name, bytes);
  if (entries.length > limits.maxEntries)
    throw bomb(name, `the archive holds ${entries.length} parts; at most ${limits.maxEntries}.`, {
      entries: entries.length,
      maxEntries: limits.maxEntries,
    });
  let declared = 0;
  for (const entry of entries) {
    checkDeclared(name, entry, entry.declaredBytes, limits);
    declared += entry.declaredBytes;
  }
  if (declared > limits.maxTotalBytes)
    throw bomb(
      name,
      `the archive unpacks to ${mb(declared)}; at most ${mb(limits.maxTotalBytes)}.`,
      {
        maxTotalBytes: limits.maxTotalBytes,
      },
    );
  let total = 0;
  let largest = { name: "", bytes: -1 };
  for (const entry of entries) {
    if (entry.name.endsWith("/")) continue;
    const size = await inflatedSize(name, bytes, entry, limits, total);
    total += size;
    if (size > largest.bytes) largest = { name: entry.name, bytes: size };
  }
  return { entries: entries.length, totalBytes: total, largestEntry: largest.name };
}
