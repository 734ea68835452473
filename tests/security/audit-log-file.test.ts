import { spawn } from "node:child_process";
import { appendFile, mkdtemp, readFile, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "../../src/ports/audit-sink.ts";
import { createFileAuditTrail, readAuditLog } from "../../src/runtime/node/audit-log-file.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "bilagsassistent-audit-"));
});
afterAll(async () => rm(folder, { recursive: true, force: true }));

const entry = (index: number): AuditEntry => ({
  at: new Date(Date.UTC(2027, 0, 1, 0, 0, index)).toISOString(),
  actor: { name: "sagsbehandler", role: "caseworker" },
  method: "POST",
  route: "/api/validate",
  status: 200,
  durationMs: index,
  input: { text: `Der foreslås ${index},0 mio. kr. årligt.` },
  validation: { ok: true, errors: 0, warnings: 0, codes: [] },
});

describe("append-only audit log file", () => {
  it("chains entries, survives a reopen and lists pages", async () => {
    const file = path.join(folder, "chain.jsonl");
    const trail = await createFileAuditTrail({ file });
    const results = await Promise.all([1, 2, 3].map((index) => trail.record(entry(index))));
    expect(results.map((result) => result.seq)).toEqual([1, 2, 3]);
    await trail.close();
    const reopened = await createFileAuditTrail({ file });
    expect((await reopened.record(entry(4))).seq).toBe(4);
    const page = await reopened.list({ after: 1, limit: 2 });
    expect(page.entries.map((stored) => stored.seq)).toEqual([2, 3]);
    expect(page).toMatchObject({ lastSeq: 4, integrity: { ok: true, problems: [] } });
    expect(page.entries[1]?.prev).toBe(page.entries[0]?.hash);
    await reopened.close();
    const lines = (await readFile(file, "utf8")).split("\n");
    expect(lines).toHaveLength(5);
    expect(lines.at(-1)).toBe("");
  });

  it("detects an altered line, a removed line and a torn tail", async () => {
    const file = path.join(folder, "tamper.jsonl");
    const trail = await createFileAuditTrail({ file });
    for (const index of [1, 2, 3, 4]) await trail.record(entry(index));
    await trail.close();
    const original = await readFile(file, "utf8");
    const lines = original.split("\n");

    await writeFile(file, original.replace("2,0 mio. kr.", "9,9 mio. kr."));
    const altered = await readAuditLog(file);
    expect(altered.problems).toEqual([
      expect.objectContaining({ kind: "corrupt", line: 2 }),
      expect.objectContaining({ kind: "chain_broken", line: 3 }),
      expect.objectContaining({ kind: "sequence_gap", line: 3 }),
    ]);
    expect(altered.entries.map((stored) => stored.seq)).toEqual([1, 3, 4]);

    await writeFile(file, [lines[0], lines[2], lines[3], ""].join("\n"));
    const removed = await readAuditLog(file);
    expect(removed.problems.map((problem) => problem.kind)).toEqual([
      "chain_broken",
      "sequence_gap",
    ]);

    await writeFile(file, original);
    await truncate(file, original.length - 40);
    const torn = await readAuditLog(file);
    expect(torn.entries.map((stored) => stored.seq)).toEqual([1, 2, 3]);
    expect(torn.problems).toEqual([expect.objectContaining({ kind: "torn", line: 4 })]);
    expect(torn.unsealed).toBe(true);

    // The next start seals the torn line; the chain continues from the last intact entry.
    const resumed = await createFileAuditTrail({ file });
    expect(resumed.opened.problems.map((problem) => problem.kind)).toEqual(["torn"]);
    expect((await resumed.record(entry(5))).seq).toBe(4);
    const page = await resumed.list({ limit: 10 });
    await resumed.close();
    expect(page.entries.map((stored) => stored.seq)).toEqual([1, 2, 3, 4]);
    expect(page.integrity.ok).toBe(true);
    expect(page.integrity.problems).toEqual([expect.objectContaining({ kind: "torn", line: 4 })]);
  });

  it("keeps every entry a SIGKILLed writer reported as committed, and skips a torn tail", async () => {
    const file = path.join(folder, "killed.jsonl");
    const committed: number[] = [];
    // Three writer processes in turn on the same file, each killed mid-loop (the later ones also find the earlier one's tail).
    for (const round of [1, 2, 3]) {
      const child = spawn(
        process.execPath,
        [
          "--import",
          "tsx",
          "--input-type=module",
          "-e",
          `
          const { createFileAuditTrail } = await import(${JSON.stringify(path.join(ROOT, "src/runtime/node/audit-log-file.ts"))});
          const trail = await createFileAuditTrail({ file: ${JSON.stringify(file)} });
          for (let index = 0; ; index += 1) {
            const { seq } = await trail.record({ at: new Date().toISOString(), actor: { name: "writer-${round}", role: "admin" }, method: "POST", route: "/api/ask", status: 200, durationMs: index,
              input: { question: "x".repeat(200 + (index * 997) % 7000) } });
            process.stdout.write("committed " + seq + "\\n");
          }`,
        ],
        { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
      );
      const errors: string[] = [];
      child.stderr.on("data", (chunk: Buffer) => errors.push(chunk.toString()));
      let buffered = "";
      let seen = 0;
      const target = 40 + round * 13;
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => {
          buffered += chunk.toString();
          const lines = buffered.split("\n");
          buffered = lines.pop() ?? "";
          for (const line of lines) {
            const match = /^committed (\d+)$/u.exec(line);
            if (match?.[1] !== undefined) {
              committed.push(Number(match[1]));
              seen += 1;
            }
          }
          if (seen >= target && child.exitCode === null && !child.killed) child.kill("SIGKILL");
        });
        child.on("exit", (code, signal) =>
          signal === "SIGKILL"
            ? resolve()
            : reject(new Error(`writer exited with ${code}: ${errors.join("")}`)),
        );
      });
      // Simulate the worst case the kill can leave: half a line at the end.
      if (round === 2) await appendFile(file, '{"seq":999999,"prev":"abc","hash":"de');
    }

    const reading = await readAuditLog(file);
    const stored = new Map(reading.entries.map((item) => [item.seq, item]));
    expect(committed.length).toBeGreaterThan(100);
    for (const seq of committed) expect(stored.has(seq), `committed seq ${seq}`).toBe(true);
    // Every reported seq is intact (hash checked by the reader), the sequence has no gaps, and the only problems are torn lines.
    expect(reading.entries.map((item) => item.seq)).toEqual(
      reading.entries.map((_, index) => index + 1),
    );
    expect(
      reading.problems.every((problem) => problem.kind === "torn"),
      JSON.stringify(reading.problems),
    ).toBe(true);
    expect(reading.problems.some((problem) => problem.kind === "torn")).toBe(true);
    expect(new Set(reading.entries.map((item) => item.actor.name))).toEqual(
      new Set(["writer-1", "writer-2", "writer-3"]),
    );
  }, 60_000);
});
