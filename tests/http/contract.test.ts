/**
 * Contract tests driven by the OpenAPI document: for every operation, valid requests generated
 * with fast-check from the routes' own zod request schemas get a documented status whose body
 * parses with the documented response schema (JSON bodies with their zod schema, event streams
 * frame by frame); invalid requests (a wrong field, a missing field, broken JSON, no token, a bad
 * token) get a documented 4xx with the error envelope. Runs in token mode, as an admin.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { createApp } from "../../src/http/create-app.ts";
import { ErrorSchema } from "../../src/http/openapi.ts";
import { readEventFrames } from "../../src/http/sse-events.ts";
import { arbitraryOf, type JsonSchema, type ValueHints } from "../support/json-schema-arbitrary.ts";
import { API_TOKEN, createApiTestApp } from "../support/api-app.ts";

const TOKEN = API_TOKEN;
const RUNS = Number(process.env.CONTRACT_RUNS ?? 6);
const SEED = Number(process.env.CONTRACT_SEED ?? 16);
/** How much of a failing request a problem shows (CONTRACT_REQUEST_CHARS). */
const REQUEST_CHARS = Number(process.env.CONTRACT_REQUEST_CHARS ?? 300);

type ZodContent = Record<string, { schema?: z.ZodType }>;
type RouteConfig = {
  method: string;
  path: string;
  operationId?: string;
  request?: {
    params?: z.ZodObject;
    query?: z.ZodObject;
    body?: { content: ZodContent };
  };
  responses: Record<string, { content?: ZodContent }>;
};
type DocumentResponse = { content?: Record<string, { schema?: { $ref?: string } }> };
type DocumentOperation = {
  operationId: string;
  security?: unknown[];
  responses: Record<string, DocumentResponse>;
};

type Request = {
  path: string;
  query: Record<string, string>;
  body?: { type: string; text: string };
  headers: Record<string, string>;
};

let app: ReturnType<typeof createApp>;
let routes: RouteConfig[];
let documentOperations: Map<string, DocumentOperation>;
/** Ids that exist, by field name, mixed into generated values so found resources are checked too. */
let hints: ValueHints;
/** Ids that exist per collection ("/api/drafts" → draft ids), for the {id} of paths under it. */
let idsByCollection: Record<string, readonly string[]>;

beforeAll(async () => {
  const created = await createApiTestApp({
    log: (message, error) => {
      if (process.env.CONTRACT_LOG === "1") console.error(message, error);
    },
  });
  app = created.app;
  const { store, allocations } = created;
  const documentResponse = await app.request("/api/openapi.json");
  if (documentResponse.status !== 200)
    throw new Error(
      `/api/openapi.json: ${documentResponse.status} ${await documentResponse.clone().text()}`,
    );
  const document = (await documentResponse.json()) as {
    paths: Record<string, Record<string, DocumentOperation>>;
  };
  documentOperations = new Map(
    Object.entries(document.paths).flatMap(([route, item]) =>
      Object.entries(item).map(([method, operation]) => [`${method} ${route}`, operation]),
    ),
  );
  routes = app.openAPIRegistry.definitions.flatMap((definition) =>
    definition.type === "route" ? [definition.route as unknown as RouteConfig] : [],
  );
  const cards = (await store.listCards({})).map((card) => card.id);
  const allocationIds = (await allocations.list()).map((entry) => entry.id);
  const call = async (route: string, body: unknown) =>
    (await (
      await app.request(route, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      })
    ).json()) as Record<string, unknown>;
  const draft = await call("/api/drafts/assessment", {
    initiativeId: cards.find((id) => id.startsWith("bilag-2026")),
    decision: "uændret",
  });
  const initiatives = (await (
    await app.request("/api/initiatives", { headers: { authorization: `Bearer ${TOKEN}` } })
  ).json()) as { initiatives: Array<{ id: string }> };
  const chat = await app.request("/api/chat", {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ message: "Hvad besluttede vi om TechBBQ i 2023?" }),
  });
  const conversation = readEventFrames(await chat.text()).find(
    (frame) => frame.event === "conversation",
  )?.data as { conversationId?: string } | undefined;
  const draftIds = typeof draft.id === "string" ? [draft.id] : [];
  const conversationIds = conversation?.conversationId ? [conversation.conversationId] : [];
  const initiativeIds = initiatives.initiatives.slice(0, 5).map((item) => item.id);
  expect(draftIds.length + conversationIds.length + initiativeIds.length).toBeGreaterThan(2);
  hints = {
    id: [
      ...cards.slice(0, 4),
      ...allocationIds.slice(0, 4),
      ...draftIds,
      ...conversationIds,
      ...initiativeIds,
    ],
    initiativeId: [
      ...cards.filter((id) => id.startsWith("bilag-2026")).slice(0, 4),
      ...allocationIds.slice(0, 4),
    ],
    conversationId: conversationIds,
    cardId: cards.slice(0, 4),
  };
  idsByCollection = {
    "/api/cards": cards.slice(0, 6),
    "/api/allocations": allocationIds.slice(0, 6),
    "/api/drafts": draftIds,
    "/api/conversations": conversationIds,
    "/api/initiatives": initiativeIds,
  };
}, 120_000);
afterAll(() => undefined);

const jsonSchemaOf = (schema: z.ZodType): JsonSchema =>
  z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;

function fillPath(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{([^}]+)\}/gu, (_, name: string) =>
    encodeURIComponent(String(params[name] ?? "x")),
  );
}

const asQuery = (values: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(values)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, String(value)]),
  );

/** Existing ids for a path parameter: those of the path's collection, else any known. */
function knownIdsFor(routePath: string, name: string): readonly unknown[] {
  const collection = Object.keys(idsByCollection).find((prefix) =>
    routePath.startsWith(`${prefix}/`),
  );
  const own = collection === undefined ? [] : (idsByCollection[collection] ?? []);
  const known = own.length > 0 ? own : (hints[name] ?? []);
  return known.length > 0 ? known : ["x"];
}

/** Valid requests for a route: parameters, query and body from its own zod schemas. */
function validRequests(route: RouteConfig): fc.Arbitrary<Request> {
  const params = route.request?.params;
  const paramsArbitrary =
    params === undefined
      ? fc.constant({})
      : fc.record(
          Object.fromEntries(
            Object.keys(params.shape).map((name) => [
              name,
              fc.oneof(
                arbitraryOf(jsonSchemaOf(params.shape[name] as z.ZodType)),
                fc.constantFrom(...knownIdsFor(route.path, name)),
              ),
            ]),
          ),
        );
  const query = route.request?.query;
  const queryArbitrary =
    query === undefined ? fc.constant({}) : arbitraryOf(jsonSchemaOf(query), undefined, 0, hints);
  const content = route.request?.body?.content ?? {};
  const json = content["application/json"]?.schema;
  const bytes = content["application/octet-stream"];
  const bodyArbitrary: fc.Arbitrary<Request["body"]> =
    json !== undefined
      ? arbitraryOf(jsonSchemaOf(json), undefined, 0, hints).map((value) => ({
          type: "application/json",
          text: JSON.stringify(value),
        }))
      : bytes !== undefined
        ? fc.string({ maxLength: 400 }).map((text) => ({ type: "application/octet-stream", text }))
        : fc.constant(undefined);
  return fc
    .tuple(paramsArbitrary, queryArbitrary, bodyArbitrary)
    .map(([paramValues, queryValues, body]) => ({
      path: fillPath(route.path, paramValues as Record<string, unknown>),
      query: asQuery(queryValues as Record<string, unknown>),
      ...(body === undefined ? {} : { body }),
      headers: { authorization: `Bearer ${TOKEN}` },
    }));
}

/** A value of the wrong type for a JSON Schema (an object where a string is due, and so on). */
function wrongValue(schema: JsonSchema): unknown {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === "object" || type === "array") return "not an object";
  return { wrong: true };
}

/** Ways to break a valid request that its schemas (or the security layer) must refuse. */
function invalidRequests(route: RouteConfig): fc.Arbitrary<Request> | undefined {
  const documented = documentOperations.get(`${route.method} ${route.path}`);
  const isPublic = Array.isArray(documented?.security) && documented.security.length === 0;
  const breakers: Array<fc.Arbitrary<(request: Request) => Request>> = isPublic
    ? []
    : [
        fc.constant((request: Request) => ({ ...request, headers: {} })),
        fc.constant((request: Request) => ({
          ...request,
          headers: { authorization: "Bearer not-a-known-token" },
        })),
      ];
  if (documented?.responses["406"] !== undefined)
    breakers.push(
      fc.constant((request: Request) => ({
        ...request,
        headers: { ...request.headers, accept: "text/html" },
      })),
    );
  const json = route.request?.body?.content["application/json"]?.schema;
  if (json !== undefined) {
    const schema = jsonSchemaOf(json);
    const properties = Object.entries(schema.properties ?? {}).filter(
      ([, property]) => property.type !== undefined,
    );
    const required = schema.required ?? [];
    breakers.push(
      fc.constantFrom("{", "[1,", "not json", "").map((text) => (request: Request) => ({
        ...request,
        body: { type: "application/json", text },
      })),
      fc.constantFrom("[]", "42", '"text"', "null").map((text) => (request: Request) => ({
        ...request,
        body: { type: "application/json", text },
      })),
    );
    if (properties.length > 0)
      breakers.push(
        fc.constantFrom(...properties).map(([name, property]) => (request: Request) => {
          const body = JSON.parse(request.body?.text ?? "{}") as Record<string, unknown>;
          return {
            ...request,
            body: {
              type: "application/json",
              text: JSON.stringify({ ...body, [name]: wrongValue(property) }),
            },
          };
        }),
      );
    if (required.length > 0)
      breakers.push(
        fc.constantFrom(...required).map((name) => (request: Request) => {
          const body = JSON.parse(request.body?.text ?? "{}") as Record<string, unknown>;
          delete body[name];
          return { ...request, body: { type: "application/json", text: JSON.stringify(body) } };
        }),
      );
  }
  const query = route.request?.query;
  if (query !== undefined) {
    const constrained = Object.entries(jsonSchemaOf(query).properties ?? {}).filter(
      ([, property]) =>
        property.enum !== undefined ||
        property.type === "integer" ||
        property.type === "number" ||
        property.pattern !== undefined,
    );
    if (constrained.length > 0)
      breakers.push(
        fc.constantFrom(...constrained).map(([name]) => (request: Request) => ({
          ...request,
          query: { ...request.query, [name]: "§not-valid§" },
        })),
      );
  }
  // An operation documenting no 4xx at all (GET /api/health: public, answers whatever the Accept
  // header) has no invalid request; one that documents a 4xx must be breakable.
  const documents4xx = Object.keys(documented?.responses ?? {}).some((status) =>
    status.startsWith("4"),
  );
  if (breakers.length === 0 && !documents4xx) return undefined;
  if (breakers.length === 0) throw new Error(`${route.method} ${route.path}: no way to break it`);
  return fc
    .tuple(validRequests(route), fc.oneof(...breakers))
    .map(([request, breaker]) => breaker(request));
}

async function send(route: RouteConfig, request: Request): Promise<Response> {
  const search = new URLSearchParams(request.query).toString();
  return app.request(`${request.path}${search === "" ? "" : `?${search}`}`, {
    method: route.method.toUpperCase(),
    headers: {
      ...request.headers,
      ...(request.body === undefined ? {} : { "content-type": request.body.type }),
    },
    ...(request.body === undefined ? {} : { body: request.body.text }),
  });
}

/** Checks that a response is documented for the route and its body parses; returns problems. */
async function checkResponse(route: RouteConfig, response: Response): Promise<string[]> {
  const key = `${route.method} ${route.path}`;
  const documented = documentOperations.get(key)?.responses[String(response.status)];
  if (documented === undefined) return [`${key}: undocumented status ${response.status}`];
  const type = (response.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
  const contentTypes = Object.keys(documented.content ?? {});
  if (contentTypes.length === 0) return [];
  if (!contentTypes.includes(type))
    return [`${key} ${response.status}: content type ${type || "(none)"} is not documented`];
  const zodSchema =
    documented.content?.[type]?.schema?.$ref === "#/components/schemas/Error"
      ? ErrorSchema
      : route.responses[String(response.status)]?.content?.[type]?.schema;
  if (type === "text/event-stream") {
    const frames = readEventFrames(await response.text());
    if (frames.length === 0) return [`${key}: an empty event stream`];
    return frames.flatMap((frame) => {
      const parsed = zodSchema?.safeParse(frame);
      return parsed === undefined || parsed.success
        ? []
        : [`${key} event ${frame.event}: ${parsed.error.message.slice(0, 400)}`];
    });
  }
  if (type !== "application/json") return [];
  const body = (await response.json()) as unknown;
  const parsed = zodSchema?.safeParse(body);
  if (parsed === undefined) return [`${key} ${response.status}: no schema to parse the body with`];
  return parsed.success
    ? []
    : [`${key} ${response.status}: body does not parse: ${parsed.error.message.slice(0, 400)}`];
}

describe("contract: every operation of the document", () => {
  it("has a route definition for every documented operation", () => {
    expect(routes.map((route) => `${route.method} ${route.path}`).sort()).toEqual(
      [...documentOperations.keys()].sort(),
    );
  });

  it("answers generated valid requests with a documented status and body", async () => {
    const problems: string[] = [];
    const statuses = new Map<string, Set<number>>();
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(validRequests(route), async (request) => {
          const response = await send(route, request);
          const seen = statuses.get(route.operationId ?? route.path) ?? new Set<number>();
          seen.add(response.status);
          statuses.set(route.operationId ?? route.path, seen);
          const found = await checkResponse(route, response);
          problems.push(
            ...found.map(
              (problem) =>
                `${problem}\n    request: ${JSON.stringify(request).slice(0, REQUEST_CHARS)}`,
            ),
          );
          return true;
        }),
        { numRuns: RUNS, seed: SEED },
      );
    }
    if (process.env.CONTRACT_REPORT === "1")
      for (const [operation, seen] of statuses) console.log(operation, [...seen].sort().join(","));
    expect(problems).toEqual([]);
    // Not every valid request is refused: most operations answer some with a 2xx.
    const succeeded = [...statuses.values()].filter((seen) => [...seen].some((s) => s < 300));
    expect(succeeded.length).toBeGreaterThanOrEqual(routes.length * 0.6);
  }, 240_000);

  it("answers generated invalid requests with a documented 4xx and the error envelope", async () => {
    const problems: string[] = [];
    for (const route of routes) {
      const invalid = invalidRequests(route);
      if (invalid === undefined) continue;
      await fc.assert(
        fc.asyncProperty(invalid, async (request) => {
          const response = await send(route, request);
          if (response.status < 400 || response.status >= 500)
            problems.push(
              `${route.method} ${route.path}: invalid request answered ${response.status}\n    request: ${JSON.stringify(request).slice(0, REQUEST_CHARS)}`,
            );
          problems.push(...(await checkResponse(route, response)));
          return true;
        }),
        { numRuns: RUNS, seed: SEED + 3 },
      );
    }
    expect(problems).toEqual([]);
  }, 240_000);
});
