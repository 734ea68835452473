/**
 * Settings: one zod schema over a plain record (Node passes process.env, Workers pass env).
 * Missing or contradictory settings fail at start-up with the variable's name.
 */
import { z } from "zod";
import { InputError } from "./errors/errors.ts";
import { parseTokenList, type TokenRecord } from "./security/tokens.ts";

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));

const positiveInteger = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === "") return fallback;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed <= 0) {
        context.addIssue({
          code: "custom",
          message: `must be a positive whole number, got "${value}"`,
        });
        return z.NEVER;
      }
      return parsed;
    });

export const SettingsSchema = z
  .object({
    /** Left out: loopback only (and in local mode, a HOST set to anything else is warned about). */
    HOST: optionalText,
    PORT: positiveInteger(8787),
    DATA_DIR: optionalText.transform((value) => value ?? "./data"),
    LANCEDB_URI: optionalText,
    CORPUS_DIR: optionalText.transform((value) => value ?? "./corpus"),
    PROMPTS_DIR: optionalText.transform((value) => value ?? "./prompts"),
    INGEST_ON_START: z
      .enum(["auto", "always", "never"])
      .optional()
      .transform((value) => value ?? "auto"),
    MAX_DOCUMENT_BYTES: positiveInteger(5 * 1024 * 1024),
    OPENAI_BASE_URL: optionalText,
    OPENAI_API_KEY: optionalText,
    CHAT_MODEL: optionalText,
    EMBEDDING_MODEL: optionalText,
    EMBEDDING_DIMENSIONS: z
      .string()
      .optional()
      .transform((value) =>
        value === undefined || value.trim() === "" ? undefined : Number(value),
      )
      .pipe(z.number().int().positive().optional()),
    EMBEDDER: z.enum(["builtin", "openai"]).optional(),
    MODEL_TIMEOUT_MS: positiveInteger(60_000),
    /** Retries of a model call after the first attempt (LangChain's maxRetries). */
    MODEL_MAX_RETRIES: z
      .string()
      .optional()
      .transform((value) => (value === undefined || value.trim() === "" ? 2 : Number(value)))
      .pipe(z.number().int().min(0).max(10)),
    /** An OpenTelemetry collector (OTLP/HTTP JSON) that gets a span per model call, e.g. http://localhost:4318. */
    OTEL_EXPORTER_OTLP_ENDPOINT: optionalText,
    ANN_THRESHOLD: positiveInteger(5_000),
    /** "tokens": bearer tokens required; "local": one local user, no access control (default when no token is configured). */
    AUTH_MODE: z.enum(["local", "tokens"]).optional(),
    /** JSON file of [{ "name", "role", "hash" }]. */
    TOKENS_FILE: optionalText,
    /** "name:role:hash,…". */
    API_TOKENS: optionalText,
    RATE_LIMIT_PER_MINUTE: positiveInteger(120),
    REQUEST_TIMEOUT_MS: positiveInteger(30_000),
    /** Largest request body for routes that do not allow more, bytes. */
    MAX_BODY_BYTES: positiveInteger(1024 * 1024),
  })
  .transform((settings, context) => {
    const embedder =
      settings.EMBEDDER ?? (settings.EMBEDDING_MODEL !== undefined ? "openai" : "builtin");
    if (embedder === "openai" && settings.EMBEDDING_MODEL === undefined) {
      context.addIssue({
        code: "custom",
        path: ["EMBEDDING_MODEL"],
        message: "EMBEDDER=openai needs EMBEDDING_MODEL (e.g. text-embedding-3-small)",
      });
    }
    if (
      (embedder === "openai" || settings.CHAT_MODEL !== undefined) &&
      settings.OPENAI_API_KEY === undefined &&
      settings.OPENAI_BASE_URL === undefined
    ) {
      context.addIssue({
        code: "custom",
        path: ["OPENAI_API_KEY"],
        message: "a model is configured but neither OPENAI_API_KEY nor OPENAI_BASE_URL is set",
      });
    }
    let apiTokens: TokenRecord[] = [];
    try {
      apiTokens = settings.API_TOKENS === undefined ? [] : parseTokenList(settings.API_TOKENS);
    } catch (error) {
      context.addIssue({
        code: "custom",
        path: ["API_TOKENS"],
        message: error instanceof Error ? error.message : String(error),
      });
    }
    const tokensConfigured = settings.TOKENS_FILE !== undefined || apiTokens.length > 0;
    if (settings.AUTH_MODE === "tokens" && !tokensConfigured) {
      context.addIssue({
        code: "custom",
        path: ["AUTH_MODE"],
        message:
          "AUTH_MODE=tokens needs TOKENS_FILE or API_TOKENS (make an entry with: node --import tsx src/runtime/node/tokens-file.ts new <name> <role>)",
      });
    }
    if (settings.AUTH_MODE === "local" && tokensConfigured) {
      context.addIssue({
        code: "custom",
        path: ["AUTH_MODE"],
        message:
          "AUTH_MODE=local would ignore the configured tokens (TOKENS_FILE / API_TOKENS); remove them or set AUTH_MODE=tokens",
      });
    }
    const authMode = settings.AUTH_MODE ?? (tokensConfigured ? "tokens" : "local");
    return {
      ...settings,
      HOST: settings.HOST ?? "127.0.0.1",
      /** Whether HOST was set (not the loopback default). */
      hostExplicit: settings.HOST !== undefined,
      AUTH_MODE: authMode,
      apiTokens,
      auditLogFile: `${settings.DATA_DIR.replace(/\/+$/, "")}/audit-log.jsonl`,
      EMBEDDER: embedder,
      lanceUri: settings.LANCEDB_URI ?? `${settings.DATA_DIR.replace(/\/+$/, "")}/lancedb`,
    };
  });

export type Settings = z.infer<typeof SettingsSchema>;

/** Parses settings; throws an InputError naming each bad variable. */
export function parseSettings(record: Record<string, string | undefined>): Settings {
  const result = SettingsSchema.safeParse(record);
  if (result.success) return result.data;
  const lines = result.error.issues.map(
    (issue) => `${issue.path.join(".") || "settings"}: ${issue.message}`,
  );
  throw new InputError("settings_invalid", `Invalid settings:\n  ${lines.join("\n  ")}`);
}
