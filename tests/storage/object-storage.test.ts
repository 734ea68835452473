/**
 * The corpus index on object storage for real: s3rver (a real S3-compatible server, its own
 * process group) holds LANCEDB_URI=s3://bilag/index; one server ingests the bundled corpus there,
 * a second server on its own DATA_DIR serves the same search from the same bucket and sees the
 * first one's upload, and both come back after a restart without ingesting again.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import { mkdtemp, rm } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSettings } from "../../src/config.ts";
import { CORPUS_DIR } from "../../evals/support/corpus-store.ts";
import { ROOT, type ServerProcess, freePort, startServer } from "../support/server-process.ts";

let folder: string;
let s3rver: ChildProcess | undefined;
let s3Port = 0;
const servers: ServerProcess[] = [];

async function listening(port: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "bilagsassistent-s3-"));
  s3Port = await freePort();
  s3rver = spawn(
    path.join(ROOT, "node_modules/.bin/s3rver"),
    [
      "-d",
      path.join(folder, "s3"),
      "-a",
      "127.0.0.1",
      "-p",
      String(s3Port),
      "-s",
      "--configure-bucket",
      "bilag",
    ],
    { cwd: ROOT, stdio: "ignore", detached: true },
  );
  if (!(await listening(s3Port, 20_000))) throw new Error("s3rver did not start");
}, 30_000);

afterAll(async () => {
  for (const server of servers) await server.stop("SIGKILL");
  if (s3rver?.pid !== undefined && s3rver.exitCode === null) {
    const ended = new Promise((resolve) => s3rver?.once("exit", resolve));
    process.kill(-s3rver.pid, "SIGKILL");
    await ended;
  }
  await rm(folder, { recursive: true, force: true });
});

const objectStore = () => ({
  LANCEDB_URI: "s3://bilag/index",
  LANCEDB_S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
  LANCEDB_S3_ALLOW_HTTP: "true",
  LANCEDB_S3_REGION: "us-east-1",
  LANCEDB_S3_ACCESS_KEY_ID: "S3RVER",
  LANCEDB_S3_SECRET_ACCESS_KEY: "S3RVER",
});

async function search(server: ServerProcess, query: string) {
  const response = await fetch(`http://127.0.0.1:${server.port}/api/search`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, limit: 8 }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { results: Array<{ cardId: string }> }).results.map(
    (result) => result.cardId,
  );
}

const health = async (server: ServerProcess) =>
  (await (await fetch(`http://127.0.0.1:${server.port}/api/health`)).json()) as {
    documents: number;
  };

const QUERIES = ["mentorordning for unge ledige", "jobcentrets virksomhedskonsulenter", "fleksjob"];

describe("LANCEDB_URI=s3://… on s3rver", () => {
  it("ingests there, serves the same search from two instances, shares an upload, and survives a restart", async () => {
    const first = await startServer({
      ...objectStore(),
      DATA_DIR: path.join(folder, "instance-a"),
    });
    servers.push(first);
    expect(await first.healthy(180_000), first.output()).toBe(true);
    expect(first.output()).toMatch(/Indexed the bundled corpus: 5 documents/);
    expect(first.output()).toContain("store s3://bilag/index");

    const second = await startServer({
      ...objectStore(),
      DATA_DIR: path.join(folder, "instance-b"),
    });
    servers.push(second);
    expect(await second.healthy(120_000), second.output()).toBe(true);
    expect(second.output()).not.toMatch(/Indexed the bundled corpus/);
    expect(await health(second)).toMatchObject({ documents: 5 });

    for (const query of QUERIES) {
      const fromFirst = await search(first, query);
      expect(fromFirst.length, query).toBeGreaterThan(0);
      expect(await search(second, query), query).toEqual(fromFirst);
    }

    // An upload through the first instance is searched by the second.
    const annex = await readFile(path.join(CORPUS_DIR, "bilag-2024-udloebende-bevillinger.txt"));
    const uploaded = await fetch(
      `http://127.0.0.1:${first.port}/api/documents?name=kopi.txt&year=2024&id=kopi-2024`,
      { method: "POST", headers: { "content-type": "text/plain" }, body: annex },
    );
    expect(uploaded.status, await uploaded.clone().text()).toBe(200);
    expect(await health(second)).toMatchObject({ documents: 6 });
    const cards = (await (
      await fetch(`http://127.0.0.1:${second.port}/api/cards?year=2024`)
    ).json()) as { cards: Array<{ id: string }> };
    expect(cards.cards.some((card) => card.id.startsWith("kopi-2024"))).toBe(true);

    const answers = new Map<string, string[]>();
    for (const query of QUERIES) {
      const fromFirst = await search(first, query);
      expect(await search(second, query), query).toEqual(fromFirst);
      answers.set(query, fromFirst);
    }

    // Restart: nothing is ingested again, and search answers as before.
    await first.stop();
    await second.stop();
    const again = await startServer({
      ...objectStore(),
      DATA_DIR: path.join(folder, "instance-a"),
    });
    servers.push(again);
    expect(await again.healthy(120_000), again.output()).toBe(true);
    expect(again.output()).not.toMatch(/Indexed the bundled corpus/);
    expect(await health(again)).toMatchObject({ documents: 6 });
    for (const query of QUERIES)
      expect(await search(again, query), query).toEqual(answers.get(query));
    await again.stop();
  }, 400_000);

  it("stops at start-up with the settings to check when the endpoint does not answer", async () => {
    const unused = await freePort();
    const server = await startServer({
      ...objectStore(),
      LANCEDB_S3_ENDPOINT: `http://127.0.0.1:${unused}`,
      DATA_DIR: path.join(folder, "instance-c"),
    });
    servers.push(server);
    const code = await Promise.race([
      server.exited,
      new Promise<string>((resolve) => setTimeout(() => resolve("still running"), 90_000)),
    ]);
    expect(code, server.output()).toBe(1);
    expect(server.output()).toContain("Cannot open the corpus index at s3://bilag/index");
    expect(server.output()).toContain("LANCEDB_S3_ENDPOINT");
  }, 120_000);
});

describe("object-storage settings", () => {
  it("builds LanceDB's storage options and keeps drafts in DATA_DIR", () => {
    const settings = parseSettings({
      DATA_DIR: "/srv/data",
      LANCEDB_URI: "s3://bilag/index",
      LANCEDB_S3_ENDPOINT: "http://127.0.0.1:4569",
      LANCEDB_S3_ALLOW_HTTP: "true",
      LANCEDB_S3_REGION: "eu-north-1",
      LANCEDB_S3_ACCESS_KEY_ID: "id",
      LANCEDB_S3_SECRET_ACCESS_KEY: "secret",
    });
    expect(settings.lanceStorageOptions).toEqual({
      awsEndpoint: "http://127.0.0.1:4569",
      allowHttp: "true",
      awsRegion: "eu-north-1",
      awsAccessKeyId: "id",
      awsSecretAccessKey: "secret",
    });
    expect(settings.lanceUri).toBe("s3://bilag/index");
    expect(settings.stateUri).toBe("/srv/data/lancedb");
    expect(parseSettings({ DATA_DIR: "/srv/data" }).stateUri).toBe("/srv/data/lancedb");
  });

  it("names each wrong or missing object-storage setting", () => {
    const s3 = { LANCEDB_URI: "s3://bilag/index" };
    expect(() => parseSettings({ LANCEDB_S3_ENDPOINT: "http://x:1" })).toThrow(
      /LANCEDB_S3_ENDPOINT: is for object storage and needs LANCEDB_URI=s3:\/\/bucket\/path/,
    );
    expect(() => parseSettings({ ...s3, LANCEDB_S3_ENDPOINT: "http://127.0.0.1:4569" })).toThrow(
      /LANCEDB_S3_ALLOW_HTTP: the endpoint http:\/\/127.0.0.1:4569 is plain http/,
    );
    expect(() => parseSettings({ ...s3, LANCEDB_S3_ENDPOINT: "s3.example" })).toThrow(
      /LANCEDB_S3_ENDPOINT: "s3.example" is not an http\(s\) URL/,
    );
    expect(() => parseSettings({ ...s3, LANCEDB_S3_ACCESS_KEY_ID: "id" })).toThrow(
      /LANCEDB_S3_SECRET_ACCESS_KEY: .* go together/,
    );
    expect(() => parseSettings({ ...s3, LANCEDB_S3_ALLOW_HTTP: "ja" })).toThrow(
      /LANCEDB_S3_ALLOW_HTTP: must be "true" or "false"/,
    );
    expect(() => parseSettings({ LANCEDB_URI: "s3://" })).toThrow(
      /LANCEDB_URI: "s3:\/\/" is not s3:\/\/bucket\/path/,
    );
    expect(() => parseSettings({ AUDIT_HMAC_KEY: "kort" })).toThrow(
      /AUDIT_HMAC_KEY: must be at least 32 characters/,
    );
  });
});
