/** The trace of one language model call, as kept with a draft, an answer and a chat message. */
import { z } from "zod";

export const ModelCallTraceSchema = z.object({
  /** Unique per call. */
  id: z.string(),
  operation: z.enum(["object", "text", "tools"]),
  route: z.string().optional(),
  /** "<prompt id>@<version>". */
  prompt: z.string().optional(),
  provider: z.string(),
  model: z.string(),
  /** ISO time the call started. */
  startedAt: z.string(),
  /** The whole call, retries included. */
  latencyMs: z.number().nonnegative(),
  /** Time to the first streamed token (streams only). */
  firstTokenMs: z.number().nonnegative().optional(),
  inputTokens: z.number().int().nonnegative().optional(),
  outputTokens: z.number().int().nonnegative().optional(),
  /** HTTP attempts beyond the first. */
  retries: z.number().int().nonnegative(),
  /** "passed": the output fit the schema (or a stream finished); "failed": it did not, or the call failed. */
  validation: z.enum(["passed", "failed"]),
  /** The project's error code when the call failed. */
  error: z.string().optional(),
});
export type ModelCallTrace = z.infer<typeof ModelCallTraceSchema>;

/** Calls, time and tokens of a list of traces (for the audit trail and the eval report). */
export type ModelCallSummary = {
  calls: number;
  failed: number;
  retries: number;
  latencyMs: number;
  inputTokens: number;
  outputTokens: number;
};

export function summarizeModelCalls(traces: readonly ModelCallTrace[]): ModelCallSummary {
  return {
    calls: traces.length,
    failed: traces.filter((trace) => trace.validation === "failed").length,
    retries: traces.reduce((sum, trace) => sum + trace.retries, 0),
    latencyMs: traces.reduce((sum, trace) => sum + trace.latencyMs, 0),
    inputTokens: traces.reduce((sum, trace) => sum + (trace.inputTokens ?? 0), 0),
    outputTokens: traces.reduce((sum, trace) => sum + (trace.outputTokens ?? 0), 0),
  };
}
