/** Shared pieces of the OpenAPI routes: the error schema, JSON content, the validation hook. */
import type { Context } from "hono";
import { z } from "zod";
import { validationErrorResponse } from "./errors.ts";

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
