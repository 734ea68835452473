/**
 * Shared pieces of the OpenAPI routes: the error schema, JSON content, the validation hook, and
 * finishDocument, which completes the generated document (security, servers, license, events).
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import { ROUTE_RULES, findRouteRule, type RouteRule } from "../security/route-roles.ts";
import { validationErrorResponse } from "./errors.ts";
import type { EventSpecs } from "./sse-events.ts";

export const ErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

/** Answers a request that failed schema validation with a 400 that names each field. */
export function validationHook(
  result: { success: true } | { success: false; error: z.ZodError; target: string },
  c: Context,
): Response | undefined {
  if (!result.success) return validationErrorResponse(c, result.error, result.target);
  return undefined;
}

/** The name of the bearer security scheme in the document. */
export const BEARER_SCHEME = "bearerAuth";

/** Events of the streaming operations, by operationId (listed in the document as x-sse-events). */
export type StreamEvents = Record<string, EventSpecs>;

type Operation = {
  operationId?: string;
  security?: Array<Record<string, string[]>>;
  responses?: Record<string, unknown>;
  requestBody?: unknown;
  description?: string;
  [extension: `x-${string}`]: unknown;
};
type Document = {
  info: Record<string, unknown>;
  paths?: Record<string, Record<string, Operation>>;
  components?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
};

export type FinishDocumentOptions = {
  /** The route→role table the security middleware enforces. */
  rules?: readonly RouteRule[];
  /** The events of each streaming operation. */
  streams?: StreamEvents;
};

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"] as const;
const ERROR_REF = { $ref: "#/components/schemas/Error" };

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: ERROR_REF } },
});

/**
 * zod-to-openapi writes a regex with flags as "source/flags" (`^\d{2}$/u`); a pattern is the
 * source alone. RegExp#toString escapes every "/" of the source, so an unescaped "/" before
 * trailing flag letters is the closing delimiter.
 */
export function plainPattern(pattern: string): string {
  const match = /^(.*?)(\\*)\/([dgimsuvy]*)$/su.exec(pattern);
  if (match === null) return pattern;
  const [, head = "", slashes = ""] = match;
  return slashes.length % 2 === 0 ? head + slashes : pattern;
}

function fixPatterns(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) fixPatterns(item);
    return;
  }
  if (typeof node !== "object" || node === null) return;
  const record = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (key === "pattern" && typeof value === "string") record[key] = plainPattern(value);
    else fixPatterns(value);
  }
}

/** The path Hono routes by for a document path ("/api/cards/{id}" → "/api/cards/id"). */
const routePath = (path: string) => path.replace(/\{([^}]+)\}/gu, "$1");

/**
 * Completes the generated document for integrators: license, contact, servers, the bearer scheme
 * with each operation's access from the route table (public operations get `security: []`, the
 * others the role they need and the 401/403/429/413 answers of the security middleware), the one
 * error envelope as a component, plain ECMA patterns, and the events of the streaming operations.
 */
export function finishDocument(document: Document, options: FinishDocumentOptions = {}): Document {
  const rules = options.rules ?? ROUTE_RULES;
  fixPatterns(document);
  document.info = {
    ...document.info,
    contact: { name: "Københavns Kommune, Beskæftigelses- og Integrationsforvaltningen" },
    license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
  };
  document.servers = [{ url: "/", description: "The server that serves this document" }];
  document.security = [{ [BEARER_SCHEME]: [] }];
  document.components ??= {};
  const components = document.components;
  components.securitySchemes = {
    [BEARER_SCHEME]: {
      type: "http",
      scheme: "bearer",
      description:
        "A token from the tokens file or API_TOKENS, sent as 'Authorization: Bearer <token>'. Each token has a role: reader < caseworker < admin. In local single-user mode (no tokens configured) every caller is admin and no token is needed.",
    },
  };
  components.schemas ??= {};
  components.schemas.Error ??= z.toJSONSchema(ErrorSchema, { target: "draft-2020-12" });
  const inlineError = JSON.stringify(components.schemas.Error);
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation === undefined) continue;
      operation.responses ??= {};
      const responses = operation.responses;
      const rule = findRouteRule(method, routePath(path), rules);
      for (const response of Object.values(responses)) {
        const json = (response as { content?: Record<string, { schema?: unknown }> }).content?.[
          "application/json"
        ];
        if (json !== undefined && JSON.stringify(json.schema) === inlineError)
          json.schema = ERROR_REF;
      }
      const add = (status: string, description: string) => {
        responses[status] ??= errorResponse(description);
      };
      if (rule.access === "public") operation.security = [];
      else {
        operation["x-required-role"] = rule.access;
        add("401", "No bearer token, or a token that is not known (token mode)");
        add("403", `The token's role is below "${rule.access}"`);
        add("429", "Too many requests for this token; wait Retry-After seconds");
        if (operation.requestBody !== undefined)
          add("413", "The request body is larger than this route accepts");
      }
      add("503", "The request took longer than the request timeout and was stopped");
      const events = operation.operationId && options.streams?.[operation.operationId];
      if (events)
        operation["x-sse-events"] = Object.entries(events).map(([event, spec]) => ({
          event,
          description: spec.description,
          data: z.toJSONSchema(spec.data, { target: "draft-2020-12", io: "output" }),
        }));
    }
  }
  return document;
}

export type DocumentInfo = { title: string; version: string; description: string };

/** The error envelope as the generator writes it inline (finishDocument replaces those with a $ref). */
function inlineErrorSchema(): unknown {
  const probe = new OpenAPIHono();
  probe.openAPIRegistry.registerPath({
    method: "get",
    path: "/",
    responses: { 400: jsonContent(ErrorSchema, "error") },
  });
  const document = probe.getOpenAPI31Document({
    openapi: "3.1.0",
    info: { title: "probe", version: "0" },
  }) as unknown as Document;
  const operation = document.paths?.["/"]?.get as
    | { responses: Record<string, { content: Record<string, { schema: unknown }> }> }
    | undefined;
  return operation?.responses["400"]?.content["application/json"]?.schema;
}

/**
 * The finished OpenAPI 3.1 document of an app (call after every route is mounted). The error
 * envelope is the component "Error", and every error response refers to it.
 */
export function createOpenApiDocument(
  app: OpenAPIHono,
  info: DocumentInfo,
  options: FinishDocumentOptions = {},
): Document {
  const document = app.getOpenAPI31Document({ openapi: "3.1.0", info }) as unknown as Document;
  document.components ??= {};
  document.components.schemas = {
    ...document.components.schemas,
    Error: inlineErrorSchema(),
  };
  return finishDocument(document, options);
}

/** The document's info for a service version. */
export const apiInfo = (version: string): DocumentInfo => ({
  title: "Bilagsassistent API",
  version,
  description:
    "Index, search and check the employment administration's annexes and budget notes: search passages, check the money figures of a text against the allocation data, draft the professional assessment, ask questions with citations, chat.",
});
