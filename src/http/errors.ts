/** One place that maps errors to HTTP, with one JSON error envelope. */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";
import {
  BilagsassistentError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  TooLargeError,
} from "../errors/errors.ts";

export type ErrorEnvelope = {
  error: { code: string; message: string; details?: Record<string, unknown> };
};

export function errorBody(
  code: string,
  message: string,
  details?: Record<string, unknown>,
): ErrorEnvelope {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

/** A 400 for a request that failed schema validation, naming each field and its problem. */
export function validationErrorResponse(c: Context, error: ZodError, target: string): Response {
  const problems = error.issues.map((issue) => ({
    field: issue.path.join(".") || target,
    message: issue.message,
  }));
  const summary = problems.map((problem) => `${problem.field}: ${problem.message}`).join("; ");
  return c.json(
    errorBody("invalid_request", `The request ${target} is not valid: ${summary}`, { problems }),
    400,
  );
}

function statusOf(error: BilagsassistentError): ContentfulStatusCode {
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof TooLargeError) return 413;
  if (error.category === "user") return 400;
  if (error.category === "upstream") return 502;
  return 500;
}

export function handleError(
  error: Error,
  c: Context,
  log: (message: string, error: unknown) => void,
): Response {
  if (error instanceof BilagsassistentError) {
    const status = statusOf(error);
    if (status >= 500) log(`${error.code}: ${error.message}`, error);
    return c.json(errorBody(error.code, error.message, error.details), status);
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    const code =
      status === 413
        ? "body_too_large"
        : status === 415
          ? "unsupported_media_type"
          : `http_${status}`;
    return c.json(errorBody(code, error.message || "The request was refused."), status);
  }
  if (error instanceof SyntaxError)
    return c.json(errorBody("invalid_json", "The request body is not valid JSON."), 400);
  log("unexpected error", error);
  return c.json(
    errorBody("internal_error", "Something went wrong on our side. The error was logged."),
    500,
  );
}
