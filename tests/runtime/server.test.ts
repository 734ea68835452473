import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseSettings } from "../../src/config.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address !== null
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

describe("settings", () => {
  it("has working defaults", () => {
    const settings = parseSettings({});
    expect(settings).toMatchObject({
      HOST: "127.0.0.1",
      PORT: 8787,
      DATA_DIR: "./data",
      lanceUri: "./data/lancedb",
      EMBEDDER: "builtin",
      INGEST_ON_START: "auto",
    });
  });

  it("lets a LanceDB URI override the data folder", () => {
    expect(
      parseSettings({ DATA_DIR: "/srv/data", LANCEDB_URI: "s3://bucket/bilag" }).lanceUri,
    ).toBe("s3://bucket/bilag");
  });

  it("names the variable that is wrong", () => {
    expect(() => parseSettings({ PORT: "otte" })).toThrow(/PORT: must be a positive whole number/);
    expect(() => parseSettings({ EMBEDDER: "openai" })).toThrow(/EMBEDDING_MODEL/);
    expect(() => parseSettings({ CHAT_MODEL: "gpt-4o-mini" })).toThrow(/OPENAI_API_KEY/);
  });
});

describe("npm start", () => {
  let child: ChildProcess | undefined;
  let dataDir: string | undefined;
  afterAll(async () => {
    child?.kill("SIGTERM");
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  it("ingests the bundled corpus into an empty store, then serves /api/health", async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "bilagsassistent-start-"));
    const port = await freePort();
    const output: string[] = [];
    child = spawn(process.execPath, ["--import", "tsx", "src/runtime/node/server.ts"], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (part: Buffer) => output.push(part.toString()));
    child.stderr?.on("data", (part: Buffer) => output.push(part.toString()));
    const deadline = Date.now() + 60_000;
    let health: { status: string; documents: number } | undefined;
    while (Date.now() < deadline && health === undefined) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (response.status === 200)
          health = (await response.json()) as { status: string; documents: number };
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
    expect(health, output.join("")).toMatchObject({ status: "ok", documents: 5 });
    expect(output.join("")).toMatch(/Indexed the bundled corpus: 5 documents, 67 cards/);
    const cards = (await (await fetch(`http://127.0.0.1:${port}/api/cards?year=2026`)).json()) as {
      cards: unknown[];
    };
    expect(cards.cards).toHaveLength(27);
  }, 90_000);
});
