/** The audit sink port: where the audit trail of answers, drafts and checks is kept (an append-only file on Node, memory in tests and Workers). */
import { z } from "zod";
import { ROLES } from "../domain/role.ts";

export const AuditEntrySchema = z.object({
  /** ISO time the request arrived. */
  at: z.string(),
  actor: z.object({ name: z.string(), role: z.enum(ROLES) }),
  method: z.string(),
  /** The request path (e.g. /api/drafts/assessment). */
  route: z.string(),
  /** HTTP status the caller got. */
  status: z.number().int(),
  durationMs: z.number().nonnegative(),
  /** The request body, strings cut at AUDIT_MAX_STRING characters and arrays at AUDIT_MAX_ITEMS items. */
  input: z.unknown().optional(),
  inputTruncated: z.boolean().optional(),
  /** Cards the answer or draft was built from (draft sources). */
  retrievedIds: z.array(z.string()).optional(),
  /** Cards cited by an answer. */
  citationIds: z.array(z.string()).optional(),
  /** "<prompt id>@<version>". */
  prompt: z.string().optional(),
  model: z.string().optional(),
  validation: z
    .object({
      ok: z.boolean(),
      errors: z.number().int(),
      warnings: z.number().int(),
      codes: z.array(z.string()),
    })
    .optional(),
  draft: z.object({ id: z.string(), version: z.number().int(), status: z.string() }).optional(),
  /** The language model calls behind the answer or draft: count, failures, retries, time and tokens. */
  modelCalls: z
    .object({
      calls: z.number().int(),
      failed: z.number().int(),
      retries: z.number().int(),
      latencyMs: z.number(),
      inputTokens: z.number().int(),
      outputTokens: z.number().int(),
      /** "<prompt id>@<version>" of each call, in order. */
      prompts: z.array(z.string()),
    })
    .optional(),
  /** Error code of a refused or failed request. */
  error: z.string().optional(),
  /** For an event stream: frames seen, the last event name, and how it ended. */
  stream: z
    .object({
      events: z.number().int(),
      lastEvent: z.string().optional(),
      outcome: z.enum(["completed", "aborted", "failed"]),
    })
    .optional(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** An entry as stored: its sequence number and, in a hash-chained store, its chain hashes. */
export type StoredAuditEntry = AuditEntry & { seq: number; prev?: string; hash?: string };

/**
 * Something wrong in the stored trail: a torn line (crash mid-write), a corrupt line, a broken
 * chain; or against the head kept outside the log: lines removed from the end or the file emptied
 * (truncated), the last entry replaced (rewritten), the head missing or altered (unanchored).
 */
export type AuditProblem = {
  kind:
    | "torn"
    | "corrupt"
    | "chain_broken"
    | "sequence_gap"
    | "truncated"
    | "rewritten"
    | "unanchored";
  line: number;
  message: string;
};

export type AuditLogPage = {
  entries: StoredAuditEntry[];
  /** The highest sequence number stored (0 when empty). */
  lastSeq: number;
  integrity: { ok: boolean; problems: AuditProblem[] };
};

export type AuditTrail = {
  /** Stores one entry; resolves once it is durable, with its sequence number. */
  record(entry: AuditEntry): Promise<{ seq: number }>;
  /** Entries with seq > after, oldest first, at most `limit`. */
  list(query: { after?: number; limit: number }): Promise<AuditLogPage>;
};
