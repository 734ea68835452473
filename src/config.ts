/**
 * Settings: one zod schema over a plain record (Node passes process.env, Workers pass env).
 * Missing or contradictory settings fail at start-up with the variable's name.
 */
import { z } from "zod";
import { InputError } from "./errors/errors.ts";
import { parseTokenList, type TokenRecord } from "./security/tokens.ts";

/** Rate-limit units a minute per token by default: 1 200 checks, or 20 drafts, or 10 uploads. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 1_200;

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
    /** Rate-limit units a minute per token (route costs in src/security/route-roles.ts); in local mode none unless set. */
    RATE_LIMIT_PER_MINUTE: positiveInteger(DEFAULT_RATE_LIMIT_PER_MINUTE),
    REQUEST_TIMEOUT_MS: positiveInteger(30_000),
    /** Largest request body for routes that do not allow more, bytes. */
    MAX_BODY_BYTES: positiveInteger(1024 * 1024),
    /**
     * Key of the audit log's HMAC chain (at least 32 characters, from a secret store). Without it a
     * key is made once in DATA_DIR/audit-hmac.key, which anyone who can read the folder can use.
     */
    AUDIT_HMAC_KEY: optionalText,
    /**
     * Where the audit log's head is kept (default: beside the log). Put it outside the data folder
     * (another volume, a path the log's readers cannot rewrite) so a rollback of the data folder
     * does not roll the head back with it.
     */
    AUDIT_HEAD_FILE: optionalText,
    /** Object storage for LANCEDB_URI=s3://bucket/path: endpoint of an S3-compatible server. */
    LANCEDB_S3_ENDPOINT: optionalText,
    LANCEDB_S3_REGION: optionalText,
    LANCEDB_S3_ACCESS_KEY_ID: optionalText,
    LANCEDB_S3_SECRET_ACCESS_KEY: optionalText,
    /** "true" to allow an http:// endpoint (a server on the same host or network). */
    LANCEDB_S3_ALLOW_HTTP: z
      .enum(["true", "false"], { message: 'must be "true" or "false"' })
      .optional(),
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
    if (settings.AUDIT_HMAC_KEY !== undefined && settings.AUDIT_HMAC_KEY.length < 32)
      context.addIssue({
        code: "custom",
        path: ["AUDIT_HMAC_KEY"],
        message: `must be at least 32 characters, got ${settings.AUDIT_HMAC_KEY.length} (make one with: openssl rand -hex 32)`,
      });
    const objectStore = objectStoreSettings(settings, context);
    const dataDir = settings.DATA_DIR.replace(/\/+$/, "");
    const lanceUri = settings.LANCEDB_URI ?? `${dataDir}/lancedb`;
    return {
      ...settings,
      HOST: settings.HOST ?? "127.0.0.1",
      /** Whether HOST was set (not the loopback default). */
      hostExplicit: settings.HOST !== undefined,
      AUTH_MODE: authMode,
      apiTokens,
      auditLogFile: `${dataDir}/audit-log.jsonl`,
      EMBEDDER: embedder,
      lanceUri,
      /** Object-store options for LanceDB (endpoint, region, keys, allow-HTTP), when set. */
      lanceStorageOptions: objectStore,
      /**
       * Where drafts and conversations live: with the corpus in a folder, the same LanceDB; with
       * the corpus on object storage, DATA_DIR/lancedb of this instance (one writer, locked).
       */
      stateUri: isRemoteUri(lanceUri) ? `${dataDir}/lancedb` : lanceUri,
    };
  });

/** A URI with a scheme (s3://, gs://, az://, memory://), not a folder. */
export function isRemoteUri(uri: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(uri);
}

type ObjectStoreInput = {
  LANCEDB_URI: string | undefined;
  LANCEDB_S3_ENDPOINT: string | undefined;
  LANCEDB_S3_REGION: string | undefined;
  LANCEDB_S3_ACCESS_KEY_ID: string | undefined;
  LANCEDB_S3_SECRET_ACCESS_KEY: string | undefined;
  LANCEDB_S3_ALLOW_HTTP?: "true" | "false" | undefined;
};

/** Checks the LANCEDB_S3_* settings against LANCEDB_URI and makes LanceDB's storage options. */
function objectStoreSettings(
  settings: ObjectStoreInput,
  context: z.RefinementCtx,
): Record<string, string> | undefined {
  const named = (
    [
      ["LANCEDB_S3_ENDPOINT", settings.LANCEDB_S3_ENDPOINT],
      ["LANCEDB_S3_REGION", settings.LANCEDB_S3_REGION],
      ["LANCEDB_S3_ACCESS_KEY_ID", settings.LANCEDB_S3_ACCESS_KEY_ID],
      ["LANCEDB_S3_SECRET_ACCESS_KEY", settings.LANCEDB_S3_SECRET_ACCESS_KEY],
      ["LANCEDB_S3_ALLOW_HTTP", settings.LANCEDB_S3_ALLOW_HTTP],
    ] as const
  ).filter(([, value]) => value !== undefined);
  const uri = settings.LANCEDB_URI;
  const s3 = uri !== undefined && /^s3:\/\//i.test(uri);
  if (uri !== undefined && s3 && !/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/i.test(uri))
    context.addIssue({
      code: "custom",
      path: ["LANCEDB_URI"],
      message: `"${uri}" is not s3://bucket/path (a bucket name of 3-63 letters, digits, "." and "-")`,
    });
  if (!s3) {
    for (const [name] of named)
      context.addIssue({
        code: "custom",
        path: [name],
        message: `is for object storage and needs LANCEDB_URI=s3://bucket/path (LANCEDB_URI is ${uri === undefined ? "not set" : `"${uri}"`})`,
      });
    return undefined;
  }
  const options: Record<string, string> = {};
  const endpoint = settings.LANCEDB_S3_ENDPOINT;
  if (endpoint !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(endpoint);
    } catch {
      url = undefined;
    }
    if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:"))
      context.addIssue({
        code: "custom",
        path: ["LANCEDB_S3_ENDPOINT"],
        message: `"${endpoint}" is not an http(s) URL (e.g. https://s3.eu-north-1.amazonaws.com or http://127.0.0.1:4569)`,
      });
    else if (url.protocol === "http:" && settings.LANCEDB_S3_ALLOW_HTTP !== "true")
      context.addIssue({
        code: "custom",
        path: ["LANCEDB_S3_ALLOW_HTTP"],
        message: `the endpoint ${endpoint} is plain http: set LANCEDB_S3_ALLOW_HTTP=true to allow it (only on a trusted network), or use https`,
      });
    options.awsEndpoint = endpoint;
  }
  if (
    (settings.LANCEDB_S3_ACCESS_KEY_ID === undefined) !==
    (settings.LANCEDB_S3_SECRET_ACCESS_KEY === undefined)
  )
    context.addIssue({
      code: "custom",
      path: [
        settings.LANCEDB_S3_ACCESS_KEY_ID === undefined
          ? "LANCEDB_S3_ACCESS_KEY_ID"
          : "LANCEDB_S3_SECRET_ACCESS_KEY",
      ],
      message:
        "LANCEDB_S3_ACCESS_KEY_ID and LANCEDB_S3_SECRET_ACCESS_KEY go together (leave both out to use the AWS credential chain)",
    });
  if (settings.LANCEDB_S3_ACCESS_KEY_ID !== undefined)
    options.awsAccessKeyId = settings.LANCEDB_S3_ACCESS_KEY_ID;
  if (settings.LANCEDB_S3_SECRET_ACCESS_KEY !== undefined)
    options.awsSecretAccessKey = settings.LANCEDB_S3_SECRET_ACCESS_KEY;
  if (settings.LANCEDB_S3_REGION !== undefined) options.awsRegion = settings.LANCEDB_S3_REGION;
  if (settings.LANCEDB_S3_ALLOW_HTTP !== undefined)
    options.allowHttp = settings.LANCEDB_S3_ALLOW_HTTP;
  return Object.keys(options).length === 0 ? undefined : options;
}

export type Settings = z.infer<typeof SettingsSchema> & {
  /** Whether RATE_LIMIT_PER_MINUTE was set: local mode is then limited too (it is not by default). */
  rateLimitExplicit: boolean;
};

/** Parses settings; throws an InputError naming each bad variable. */
export function parseSettings(record: Record<string, string | undefined>): Settings {
  const result = SettingsSchema.safeParse(record);
  if (result.success)
    return {
      ...result.data,
      rateLimitExplicit: (record.RATE_LIMIT_PER_MINUTE ?? "").trim() !== "",
    };
  const lines = result.error.issues.map(
    (issue) => `${issue.path.join(".") || "settings"}: ${issue.message}`,
  );
  throw new InputError("settings_invalid", `Invalid settings:\n  ${lines.join("\n  ")}`);
}
