/**
 * The LangChain callback that watches one model call: when it started, when the first token came,
 * the token usage the server reported, and whether LangChain saw an error. The model adapter adds
 * what LangChain does not know (the route, the prompt, HTTP attempts, the project's validation)
 * and turns it into a ModelCallTrace.
 */
import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import type { LLMResult } from "@langchain/core/outputs";

type UsageMetadata = { input_tokens?: number; output_tokens?: number };
type TokenUsage = { promptTokens?: number; completionTokens?: number };

function usageOf(output: LLMResult): { inputTokens?: number; outputTokens?: number } {
  const generation = output.generations[0]?.[0] as
    | { message?: { usage_metadata?: UsageMetadata } }
    | undefined;
  const metadata = generation?.message?.usage_metadata;
  const legacy = (output.llmOutput as { tokenUsage?: TokenUsage } | undefined)?.tokenUsage;
  const inputTokens = metadata?.input_tokens ?? legacy?.promptTokens;
  const outputTokens = metadata?.output_tokens ?? legacy?.completionTokens;
  return {
    ...(typeof inputTokens === "number" ? { inputTokens } : {}),
    ...(typeof outputTokens === "number" ? { outputTokens } : {}),
  };
}

export class CallTraceHandler extends BaseCallbackHandler {
  name = "bilagsassistent-call-trace";
  /** performance.now() at the model's start, its first token, and its end. */
  startedAt: number | undefined;
  firstTokenAt: number | undefined;
  endedAt: number | undefined;
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  failed: Error | undefined;

  override handleChatModelStart(): void {
    this.startedAt ??= performance.now();
  }

  override handleLLMNewToken(token: string): void {
    if (token !== "") this.firstTokenAt ??= performance.now();
  }

  override handleLLMEnd(output: LLMResult): void {
    this.endedAt = performance.now();
    const usage = usageOf(output);
    if (usage.inputTokens !== undefined) this.inputTokens = usage.inputTokens;
    if (usage.outputTokens !== undefined) this.outputTokens = usage.outputTokens;
  }

  override handleLLMError(error: Error): void {
    this.endedAt = performance.now();
    this.failed = error;
  }
}
