/**
 * The audit trail of answers and drafts: who asked what on which route, what was retrieved and
 * cited, which prompt and model wrote it, what validation said, and the status. `AuditTrail` is
 * the port (an append-only file in Node, memory in tests); this module also holds the pure
 * pieces: the entry schema, input truncation and reading the facts out of a response body.
 */
import { ModelCallTraceSchema, summarizeModelCalls } from "../domain/model-call.ts";
import {
  type AuditEntry,
  AuditEntrySchema,
  type AuditTrail,
  type StoredAuditEntry,
} from "../ports/audit-sink.ts";

/** Longest string kept from a request body, characters. */
export const AUDIT_MAX_STRING = 1_000;
/** Array items kept from a request body. */
export const AUDIT_MAX_ITEMS = 30;
/** Longest recorded input as JSON, characters. */
export const AUDIT_MAX_INPUT = 8_000;
/** Ids kept per list (retrieved, cited). */
const MAX_IDS = 50;

/** An in-memory trail (tests, and runtimes without a file system). */
export function createMemoryAuditTrail(): AuditTrail & { readonly entries: StoredAuditEntry[] } {
  const entries: StoredAuditEntry[] = [];
  return {
    entries,
    async record(entry) {
      const seq = entries.length + 1;
      entries.push({ seq, ...AuditEntrySchema.parse(entry) });
      return { seq };
    },
    async list({ after = 0, limit }) {
      return {
        entries: entries.filter((entry) => entry.seq > after).slice(0, limit),
        lastSeq: entries.length,
        integrity: { ok: true, problems: [] },
      };
    },
  };
}

/** A copy of a request body with long strings and arrays cut, and whether anything was cut. */
export function truncateInput(value: unknown): { value: unknown; truncated: boolean } {
  let truncated = false;
  const cut = (item: unknown, depth: number): unknown => {
    if (typeof item === "string") {
      if (item.length <= AUDIT_MAX_STRING) return item;
      truncated = true;
      return `${item.slice(0, AUDIT_MAX_STRING)}… [${item.length} tegn]`;
    }
    if (item === null || typeof item !== "object") return item;
    if (depth >= 6) {
      truncated = true;
      return "[…]";
    }
    if (Array.isArray(item)) {
      if (item.length > AUDIT_MAX_ITEMS) truncated = true;
      return item.slice(0, AUDIT_MAX_ITEMS).map((element) => cut(element, depth + 1));
    }
    const entries = Object.entries(item);
    if (entries.length > AUDIT_MAX_ITEMS) truncated = true;
    return Object.fromEntries(
      entries
        .slice(0, AUDIT_MAX_ITEMS)
        .map(([key, element]) => [key.slice(0, 100), cut(element, depth + 1)]),
    );
  };
  const result = cut(value, 0);
  const json = JSON.stringify(result) ?? "";
  if (json.length > AUDIT_MAX_INPUT)
    return { value: `${json.slice(0, AUDIT_MAX_INPUT)}… [${json.length} tegn]`, truncated: true };
  return { value: result, truncated };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function ids(list: unknown, key: string): string[] | undefined {
  if (!Array.isArray(list)) return undefined;
  const found = list.flatMap((item) =>
    isRecord(item) && typeof item[key] === "string" ? [item[key]] : [],
  );
  return [...new Set(found)].slice(0, MAX_IDS);
}

function summarizeValidation(value: unknown): AuditEntry["validation"] {
  if (!isRecord(value) || typeof value.ok !== "boolean" || !Array.isArray(value.issues))
    return undefined;
  const issues = value.issues.filter(isRecord);
  const count = (severity: string) => issues.filter((issue) => issue.severity === severity).length;
  const codes = [
    ...new Set(issues.flatMap((issue) => (typeof issue.code === "string" ? [issue.code] : []))),
  ];
  return { ok: value.ok, errors: count("error"), warnings: count("warning"), codes };
}

/**
 * The facts an audit entry keeps from a JSON response: draft sources and answer citations (card
 * ids), prompt, model, validation summary, draft id/version/status, or the error code. Works for
 * any route's body: fields it does not find are left out.
 */
export function summarizeResponse(body: unknown): Partial<AuditEntry> {
  if (!isRecord(body)) return {};
  const summary: Partial<AuditEntry> = {};
  if (isRecord(body.error) && typeof body.error.code === "string") summary.error = body.error.code;
  const target = isRecord(body.draft) ? body.draft : body;
  const retrieved =
    ids(target.sources, "cardId") ??
    ids(target.passages, "cardId") ??
    ids(target.results, "cardId");
  if (retrieved !== undefined && retrieved.length > 0) summary.retrievedIds = retrieved;
  const cited = ids(target.citations, "cardId");
  if (cited !== undefined) summary.citationIds = cited;
  if (isRecord(target.prompt) && typeof target.prompt.id === "string")
    summary.prompt = `${target.prompt.id}@${String(target.prompt.version ?? "?")}`;
  else if (typeof target.promptVersion === "string") summary.prompt = target.promptVersion;
  if (typeof target.model === "string") summary.model = target.model;
  if (Array.isArray(target.modelCalls)) {
    const traces = target.modelCalls.flatMap((item) => {
      const parsed = ModelCallTraceSchema.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    });
    if (traces.length > 0)
      summary.modelCalls = {
        ...summarizeModelCalls(traces),
        prompts: traces.map((trace) => trace.prompt ?? "?").slice(0, MAX_IDS),
      };
  }
  const validation = summarizeValidation(target.validation) ?? summarizeValidation(target);
  if (validation !== undefined) summary.validation = validation;
  if (
    typeof target.id === "string" &&
    typeof target.version === "number" &&
    typeof target.status === "string"
  )
    summary.draft = { id: target.id, version: target.version, status: target.status };
  return summary;
}
