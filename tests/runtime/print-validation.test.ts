/**
 * The CLI's validation report, local and remote, from one printer: the remote CLI once printed only
 * the figure lines and dropped the issues no figure carries (a total that does not add up).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runRemote } from "../../src/runtime/node/cli-remote.ts";
import { printValidation } from "../../src/runtime/node/print-validation.ts";

const TEXT = "Der foreslås 6,0 mio. kr. i 2027 og 2,0 mio. kr. i 2028, i alt 9,0 mio. kr.";
const total = TEXT.indexOf("i alt");
const RESULT = {
  ok: false,
  figures: [
    { kind: "money", text: "6,0 mio. kr.", status: "ok", start: 13, end: 25 },
    { kind: "money", text: "2,0 mio. kr.", status: "ok", start: 36, end: 48 },
  ],
  issues: [
    {
      severity: "error",
      message: "Summen passer ikke: 6,0 + 2,0 er 8,0 mio. kr.",
      start: total,
      end: TEXT.length,
    },
  ],
};

describe("printValidation", () => {
  it("prints each money figure, the issues no figure carries with their text, and the count", () => {
    const lines: string[] = [];
    printValidation(TEXT, RESULT, (line) => lines.push(line));
    expect(lines[0]).toMatch(/^✓ 6,0 mio\. kr\./);
    expect(lines).toContain(
      `✗ Summen passer ikke: 6,0 + 2,0 er 8,0 mio. kr.  (“i alt 9,0 mio. kr.”)`,
    );
    expect(lines.at(-1)).toBe("\n1 fejl, 0 advarsler.");
  });

  it("the remote CLI prints the same report, unplaced issues included", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "bilagsassistent-print-"));
    try {
      const file = path.join(folder, "udkast.txt");
      await writeFile(file, TEXT);
      const lines: string[] = [];
      const fakeFetch = (async () =>
        new Response(JSON.stringify(RESULT), {
          status: 200,
          headers: { "content-type": "application/json" },
        })) as unknown as typeof fetch;
      const code = await runRemote(
        "validate",
        [],
        { server: "http://127.0.0.1:9", text: file, initiative: "bilag-2026-04" },
        { fetch: fakeFetch, out: { log: (line) => lines.push(line), error: () => undefined } },
      );
      expect(code).toBe(1);
      const local: string[] = [];
      printValidation(TEXT, RESULT, (line) => local.push(line));
      expect(lines).toEqual(local);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
