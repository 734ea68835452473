import { execFile } from "node:child_process";
import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { OpenAPI3 } from "openapi-typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CLIENT_TYPES_FILE,
  generateClientTypes,
  referenceDocument,
} from "../../scripts/api-document.ts";
import { plainPattern } from "../../src/http/openapi.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const IGNORE_FILE = path.join(ROOT, ".redocly.lint-ignore.yaml");
const METHODS = ["get", "put", "post", "delete", "patch"] as const;

type Operation = {
  operationId?: string;
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  [key: string]: unknown;
};

let document: OpenAPI3;
let folder: string;

beforeAll(async () => {
  document = await referenceDocument();
  folder = await mkdtemp(path.join(tmpdir(), "bilag-openapi-"));
});
afterAll(async () => rm(folder, { recursive: true, force: true }));

function operations(): Array<{ method: string; path: string; operation: Operation }> {
  return Object.entries(document.paths ?? {}).flatMap(([route, item]) =>
    METHODS.flatMap((method) => {
      const operation = (item as Record<string, Operation | undefined>)[method];
      return operation === undefined ? [] : [{ method, path: route, operation }];
    }),
  );
}

/** Every schema object in the document with a `pattern`, and where it is. */
function patterned(
  node: unknown,
  at = "#",
): Array<{ at: string; schema: Record<string, unknown> }> {
  if (Array.isArray(node)) return node.flatMap((item, index) => patterned(item, `${at}/${index}`));
  if (typeof node !== "object" || node === null) return [];
  const record = node as Record<string, unknown>;
  const own = typeof record.pattern === "string" ? [{ at, schema: record }] : [];
  return [
    ...own,
    ...Object.entries(record).flatMap(([key, value]) => patterned(value, `${at}/${key}`)),
  ];
}

describe("the OpenAPI document", () => {
  it("passes redocly lint (recommended rules) with no error and no warning", async () => {
    const file = path.join(folder, "openapi.json");
    await writeFile(file, JSON.stringify(document));
    // The config and its ignore file beside the document, as at the repository root.
    await copyFile(path.join(ROOT, "redocly.yaml"), path.join(folder, "redocly.yaml"));
    await copyFile(IGNORE_FILE, path.join(folder, ".redocly.lint-ignore.yaml"));
    const { stdout } = await promisify(execFile)(
      path.join(ROOT, "node_modules/.bin/redocly"),
      ["lint", file, "--config", path.join(folder, "redocly.yaml"), "--format=json"],
      {
        cwd: ROOT,
        env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
      },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "" }));
    const report = JSON.parse(stdout) as {
      totals: { errors: number; warnings: number };
      problems: Array<{ ruleId: string; message: string }>;
    };
    expect(report.problems.map((problem) => `${problem.ruleId}: ${problem.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it("names every operation like a client method and documents a 4xx for each", async () => {
    const list = operations();
    // The one deliberate exception, documented in the ignore file (health: public, never refused).
    const ignore = await readFile(IGNORE_FILE, "utf8");
    const section = ignore.split(/^\s*operation-4xx-response:\s*$/mu)[1] ?? "";
    const waived = [
      ...section.matchAll(/^\s*- ["']#\/paths\/([^/'"]+)\/(\w+)\/responses["']$/gmu),
    ].map(([, route = "", method = ""]) => `${method} ${route.replaceAll("~1", "/")}`);
    expect(waived).toEqual(["get /api/health"]);
    expect(list.length).toBeGreaterThanOrEqual(24);
    const ids = list.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { method, path: route, operation } of list) {
      const where = `${method.toUpperCase()} ${route}`;
      expect(operation.operationId, where).toMatch(/^[a-z]+(?:[A-Z][a-z]+)+$/u);
      if (waived.includes(`${method} ${route}`)) {
        expect(
          Object.keys(operation.responses).filter((status) => status.startsWith("4")),
          `${where} is waived: it has no 4xx`,
        ).toEqual([]);
        continue;
      }
      expect(
        Object.keys(operation.responses).some((status) => /^4(\d\d|XX)$/u.test(status)),
        `${where} documents no 4xx response`,
      ).toBe(true);
    }
  });

  it("documents every error response with the one error envelope", () => {
    for (const { method, path: route, operation } of operations())
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        expect(
          response.content?.["application/json"]?.schema,
          `${method} ${route} ${status}`,
        ).toEqual({ $ref: "#/components/schemas/Error" });
      }
    expect(document.components?.schemas?.Error).toMatchObject({
      type: "object",
      required: ["error"],
    });
  });

  it("declares the bearer scheme, servers, license and contact; public routes need no token", () => {
    expect(document.components?.securitySchemes?.bearerAuth).toMatchObject({
      type: "http",
      scheme: "bearer",
    });
    expect(document.security).toEqual([{ bearerAuth: [] }]);
    expect(document.servers?.length).toBeGreaterThan(0);
    expect(document.info.license?.name).toBeTruthy();
    expect(document.info.contact?.name).toBeTruthy();
    const open = operations()
      .filter(
        ({ operation }) => Array.isArray(operation.security) && operation.security.length === 0,
      )
      .map(({ method, path: route }) => `${method} ${route}`);
    expect(open.sort()).toEqual(["get /api/health", "get /api/session"]);
    for (const { operation } of operations())
      if (operation.security === undefined) {
        expect(operation["x-required-role"]).toMatch(/^(reader|caseworker|admin)$/u);
        expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(["401", "403"]));
      }
  });

  it("has plain ECMA patterns that compile and match their examples", () => {
    const found = patterned(document);
    expect(found.length).toBeGreaterThanOrEqual(5);
    for (const { at, schema } of found) {
      const pattern = schema.pattern as string;
      expect(pattern, at).not.toMatch(/(?<!\\)\/[dgimsuvy]*$/u);
      // JSON Schema 2020-12 patterns are ECMA-262 with Unicode semantics (ajv compiles with "u").
      const regex = new RegExp(pattern, "u");
      const examples = (schema.examples ?? []) as unknown[];
      expect(examples.length, `${at} has no examples`).toBeGreaterThan(0);
      for (const example of examples) expect(String(example), at).toMatch(regex);
    }
  });

  it("describes the events of the chat and upload streams", () => {
    const chat = operations().find(({ operation }) => operation.operationId === "sendChatMessage");
    const upload = operations().find(({ operation }) => operation.operationId === "uploadDocument");
    const names = (operation: Operation | undefined) =>
      ((operation?.["x-sse-events"] ?? []) as Array<{ event: string; data: unknown }>).map(
        (event) => event.event,
      );
    expect(names(chat?.operation)).toEqual([
      "conversation",
      "delta",
      "sentence",
      "final",
      "citations",
      "draft",
      "validation",
      "end",
      "error",
    ]);
    expect(names(upload?.operation)).toEqual(["progress", "done", "error"]);
    const frames = chat?.operation.responses["200"]?.content?.["text/event-stream"]?.schema as {
      anyOf?: unknown[];
    };
    expect(frames.anyOf).toHaveLength(9);
  });
});

describe("the typed client", () => {
  it("is generated from the current document (run npm run api:client when this fails)", async () => {
    const committed = await readFile(CLIENT_TYPES_FILE, "utf8");
    expect(committed === (await generateClientTypes(document))).toBe(true);
  });
});

describe("plainPattern", () => {
  it("drops the flags zod-to-openapi appends, and nothing else", () => {
    expect(plainPattern("^\\d{2}$/u")).toBe("^\\d{2}$");
    expect(plainPattern("^[a-z]+$/giu")).toBe("^[a-z]+$");
    expect(plainPattern("^a\\/u")).toBe("^a\\/u");
    expect(plainPattern("^[0-9a-f]{64}$")).toBe("^[0-9a-f]{64}$");
    for (const regex of [/^x\/y$/u, /^[\p{L}]+$/u, /a\\/u, /^\d+$/])
      expect(plainPattern(regex.toString().replace(/^\/|\/$/gu, ""))).toBe(regex.source);
  });
});
