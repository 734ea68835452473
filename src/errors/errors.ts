/** The project's one error hierarchy: a stable code, a category, and the cause. */

export type ErrorCategory = "user" | "system" | "upstream";

export class BilagsassistentError extends Error {
  readonly code: string;
  readonly category: ErrorCategory;
  /** Extra, JSON-safe detail for the error envelope (field, file, line). */
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: string,
    category: ErrorCategory,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.category = category;
    this.details = options.details;
  }
}

/** A source file that cannot be read as corpus: unknown layout, empty, binary, too large. */
export class CorpusError extends BilagsassistentError {
  constructor(
    code: string,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(code, "user", message, options);
  }
}

/** Bad input from a caller (request body, CLI argument). */
export class InputError extends BilagsassistentError {
  constructor(
    code: string,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(code, "user", message, options);
  }
}

/** A failure of a model or embeddings endpoint (timeout, rate limit, malformed answer). */
export class UpstreamError extends BilagsassistentError {
  readonly status: number | undefined;
  constructor(
    code: string,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown>; status?: number } = {},
  ) {
    super(code, "upstream", message, options);
    this.status = options.status;
  }
}

/** Not found: an unknown card, document, draft or initiative. */
export class NotFoundError extends BilagsassistentError {
  constructor(code: string, message: string, options: { details?: Record<string, unknown> } = {}) {
    super(code, "user", message, options);
  }
}

/** A write that conflicts with what is stored (a version already taken, a document that exists). */
export class ConflictError extends BilagsassistentError {
  constructor(code: string, message: string, options: { details?: Record<string, unknown> } = {}) {
    super(code, "user", message, options);
  }
}

/** The caller may not use this (someone else's draft or conversation). */
export class ForbiddenError extends BilagsassistentError {
  constructor(code: string, message: string, options: { details?: Record<string, unknown> } = {}) {
    super(code, "user", message, options);
  }
}

/** Input larger than a limit allows (a file, or what an archive unpacks to). */
export class TooLargeError extends BilagsassistentError {
  constructor(
    code: string,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(code, "user", message, options);
  }
}
