/**
 * The audit chain keyed with an HMAC and anchored in a head file outside the log: truncation,
 * deleting the last line, emptying or deleting the file, and rewriting it from line 1 are all
 * detected, and stay reported after the next start.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  GENESIS_HASH,
  chainHash,
  createFileAuditTrail,
  keyId,
  readAuditLog,
} from "../../src/runtime/node/audit-log-file.ts";
import type { AuditEntry } from "../../src/ports/audit-sink.ts";

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "bilagsassistent-chain-"));
});
afterAll(async () => rm(folder, { recursive: true, force: true }));

const key = randomBytes(32);
const entry = (index: number): AuditEntry => ({
  at: new Date(Date.UTC(2027, 0, 1, 0, 0, index)).toISOString(),
  actor: { name: "sagsbehandler", role: "caseworker" },
  method: "POST",
  route: "/api/drafts/assessment",
  status: 201,
  durationMs: index,
  input: { initiativeId: `bilag-2026-0${index}` },
});

let counter = 0;
/** A keyed, anchored log of `count` entries; returns its file, head and text. */
async function written(count = 4) {
  counter += 1;
  const file = path.join(folder, `audit-${counter}.jsonl`);
  const head = `${file}.head`;
  const trail = await createFileAuditTrail({ file, key, head });
  for (let index = 1; index <= count; index += 1) await trail.record(entry(index));
  await trail.close();
  return { file, head, text: await readFile(file, "utf8") };
}

const kinds = async (file: string, head: string, withKey: Uint8Array = key) =>
  (await readAuditLog(file, { key: withKey, head })).problems.map((problem) => problem.kind);

describe("keyed audit chain with an anchored head", () => {
  it("an intact log verifies, and its lines carry the keyed hash", async () => {
    const { file, head, text } = await written();
    expect(await kinds(file, head)).toEqual([]);
    expect(text).toContain('"alg":"hmac-sha256"');
    // The same lines read with another key do not verify.
    expect(await kinds(file, head, randomBytes(32))).toContain("corrupt");
  });

  it("detects the last line deleted, a truncation, an emptied file and a deleted file", async () => {
    const lastLine = await written();
    const lines = lastLine.text.split("\n");
    await writeFile(lastLine.file, `${lines.slice(0, -2).join("\n")}\n`);
    expect(await kinds(lastLine.file, lastLine.head)).toEqual(["truncated"]);

    const cut = await written();
    const firstTwo = cut.text.split("\n").slice(0, 2).join("\n").length + 1;
    await truncate(cut.file, firstTwo);
    expect(await kinds(cut.file, cut.head)).toEqual(["truncated"]);

    const emptied = await written();
    await writeFile(emptied.file, "");
    expect(await kinds(emptied.file, emptied.head)).toEqual(["truncated"]);

    const deleted = await written();
    await rm(deleted.file);
    expect(await kinds(deleted.file, deleted.head)).toEqual(["truncated"]);
  });

  it("detects a log rewritten from line 1 (plain hashes, or another key), and a head altered or deleted", async () => {
    const plain = await written();
    // A rewrite by someone without the key: a well-formed chain with one entry changed.
    let prev = GENESIS_HASH;
    const forged = [1, 2, 3, 4].map((seq) => {
      const json = JSON.stringify(seq === 2 ? { ...entry(seq), status: 500 } : entry(seq));
      const hash = chainHash(prev, seq, json);
      const line = `{"seq":${seq},"prev":"${prev}","hash":"${hash}","entry":${json}}`;
      prev = hash;
      return line;
    });
    await writeFile(plain.file, `${forged.join("\n")}\n`);
    expect(await kinds(plain.file, plain.head)).toContain("corrupt");
    expect((await readAuditLog(plain.file, { key, head: plain.head })).entries).toEqual([]);

    const otherKey = await written();
    const forger = randomBytes(32);
    prev = GENESIS_HASH;
    const reforged = [1, 2, 3, 4].map((seq) => {
      const json = JSON.stringify(entry(seq));
      const hash = chainHash(prev, seq, json, forger);
      const line = `{"seq":${seq},"prev":"${prev}","hash":"${hash}","alg":"hmac-sha256","entry":${json}}`;
      prev = hash;
      return line;
    });
    await writeFile(otherKey.file, `${reforged.join("\n")}\n`);
    expect(await kinds(otherKey.file, otherKey.head)).toContain("corrupt");

    const altered = await written();
    const headText = await readFile(altered.head, "utf8");
    await writeFile(altered.head, headText.replace('"seq":4', '"seq":3'));
    expect(await kinds(altered.file, altered.head)).toEqual(["unanchored"]);

    const noHead = await written();
    await rm(noHead.head);
    expect(await kinds(noHead.file, noHead.head)).toEqual(["unanchored"]);
  });

  it("keeps reporting a truncation after the next start, while new entries chain on", async () => {
    const { file, head, text } = await written();
    await writeFile(file, `${text.split("\n").slice(0, 2).join("\n")}\n`);
    const reopened = await createFileAuditTrail({ file, key, head });
    expect(reopened.opened.problems.map((problem) => problem.kind)).toEqual(["truncated"]);
    expect((await reopened.record(entry(9))).seq).toBe(3);
    const page = await reopened.list({ limit: 10 });
    await reopened.close();
    expect(page.integrity.ok).toBe(false);
    expect(page.integrity.problems.map((problem) => problem.kind)).toEqual(["truncated"]);
    const again = await createFileAuditTrail({ file, key, head });
    expect(again.opened.problems.map((problem) => problem.kind)).toEqual(["truncated"]);
    expect(again.head()).toMatch(/^seq 3 [0-9a-f]{64}$/);
    await again.close();
  });

  it("a crash between the log line and the head leaves no false alarm", async () => {
    const { file, head } = await written(3);
    const before = await readFile(head, "utf8");
    const trail = await createFileAuditTrail({ file, key, head });
    await trail.record(entry(4));
    await trail.close();
    await writeFile(head, before); // the head as it was before entry 4 was anchored
    expect(await kinds(file, head)).toEqual([]);
  });
});

describe("a change of audit key (the fallback key file, then AUDIT_HMAC_KEY)", () => {
  it("starts a new segment under the new key id; each segment verifies with its own key", async () => {
    const { file, head } = await written(3);
    const next = randomBytes(32);
    const reopened = await createFileAuditTrail({ file, key: next, previousKeys: [key], head });
    expect(reopened.opened.problems).toEqual([]);
    await reopened.record(entry(4));
    await reopened.close();
    const lines = (await readFile(file, "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { kid: string; prev: string; hash: string });
    expect(lines.map((line) => line.kid)).toEqual([
      keyId(key),
      keyId(key),
      keyId(key),
      keyId(next),
    ]);
    // The new segment chains on from the last line of the old one.
    expect(lines[3]?.prev).toBe(lines[2]?.hash);
    expect((await readAuditLog(file, { key: next, previousKeys: [key], head })).problems).toEqual(
      [],
    );
    // Without the earlier key its lines are reported as unverifiable by key id, not as altered.
    const without = await readAuditLog(file, { key: next, head });
    expect(without.problems.filter((problem) => problem.kind === "corrupt")).toHaveLength(3);
    expect(without.problems[0]?.message).toContain(`signed with audit key ${keyId(key)}`);
    expect(without.problems[0]?.message).not.toContain("altered");
  });

  it("keeps the head wherever it is told (AUDIT_HEAD_FILE), outside the log's folder", async () => {
    const file = path.join(folder, "elsewhere", "audit.jsonl");
    const head = path.join(folder, "anchor", "nested", "audit.head");
    const trail = await createFileAuditTrail({ file, key, head });
    await trail.record(entry(1));
    await trail.close();
    expect(JSON.parse(await readFile(head, "utf8"))).toMatchObject({ seq: 1, kid: keyId(key) });
    await writeFile(file, "");
    expect(await kinds(file, head)).toContain("truncated");
  });
});
