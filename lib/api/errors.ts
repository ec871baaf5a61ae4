// The one error type of the application. Services throw AppError with a code; toAppError below is
// the one place that maps codes (and Prisma's unique/not-found errors) to HTTP statuses, and
// reportError the one place that logs what clients are not told (route() and server actions).

import type { z } from "@/lib/domain/zod";
import { uniqueViolationOf } from "@/lib/db/unique-violation";

export type ErrorCode =
  | "bad_request"
  | "validation"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "unavailable"
  | "internal";

export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export type FieldIssue = { path: string; message: string };

/** A zod error's issues as field issues ("a.b" paths; `where` for an issue on the whole input). */
export function zodIssues(
  error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] },
  where: string,
) {
  return error.issues.map((i): FieldIssue => ({ path: i.path.map(String).join(".") || where, message: i.message }));
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues?: FieldIssue[];
  readonly details?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    options?: { issues?: FieldIssue[]; details?: Record<string, unknown>; cause?: unknown },
  ) {
    super(message, { cause: options?.cause });
    this.name = "AppError";
    this.code = code;
    this.issues = options?.issues;
    this.details = options?.details;
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }
}

/**
 * The input as `schema` parses it, or a validation AppError carrying every issue as a field issue.
 * Its message is `message`, or with `isFirstIssueTheMessage` the first issue's own message.
 */
export function parseValid<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  options: { message: string; isFirstIssueTheMessage?: boolean },
): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const message = (options.isFirstIssueTheMessage ? parsed.error.issues[0]?.message : undefined) ?? options.message;
  throw new AppError("validation", message, { issues: zodIssues(parsed.error, "") });
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found`);

/** The value, or a 404 naming `what` when there is none (or the caller may not see it). */
export function found<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw notFound(what);
  return value;
}
export const forbidden = (why = "You do not have permission to do this") => new AppError("forbidden", why);
export const unauthenticated = (why = "Sign in first") => new AppError("unauthenticated", why);

type PrismaLikeError = { code?: unknown };

/** "SignerCredential" → "signer credential", "idempotencyKey" → "idempotency key". */
const words = (name: string) => name.replace(/(?<=[a-z0-9])(?=[A-Z])/g, " ").toLowerCase();

/**
 * A unique-index violation (P2002) as a conflict naming the value that is taken ("A person with this
 * email already exists"), as an issue on each field of the index so a form shows it beside the field.
 */
function duplicateError(error: unknown): AppError {
  const { model, fields } = uniqueViolationOf(error) ?? { model: null, fields: null };
  if (!fields) return new AppError("conflict", "A record with the same value already exists", { cause: error });
  const message = `A ${model ? words(model) : "record"} with this ${fields.map(words).join(" and ")} already exists`;
  return new AppError("conflict", message, { issues: fields.map((path) => ({ path, message })), cause: error });
}

/** Turns any thrown value into an AppError with a message that is safe to show. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = error as PrismaLikeError;
  if (e && typeof e === "object" && typeof e.code === "string") {
    if (e.code === "P2002") return duplicateError(error);
    if (e.code === "P2025")
      return new AppError("not_found", "The record does not exist (it may have been deleted)", { cause: error });
    if (e.code === "P2003")
      return new AppError("conflict", "The record is referenced by another record", { cause: error });
    // a transaction that could not start or finish in time: the database is overloaded, not the
    // request wrong. 503 tells a pipeline to retry (ingestion is idempotent by eventId)
    if (e.code === "P2028")
      return new AppError("unavailable", "The server is busy; try again in a few seconds", { cause: error });
  }
  return new AppError("internal", "Something went wrong on the server; the error has been logged", { cause: error });
}

/**
 * toAppError, logging internal errors: their safe message tells the user "the error has been
 * logged", so route() and every server action go through here. `where` names the caller in the log.
 */
export function reportError(error: unknown, where: string): AppError {
  const e = toAppError(error);
  if (e.code === "internal" || e.code === "unavailable") console.error(`[signet] ${where} failed:`, error);
  return e;
}

export type ActionErrorState = { error: string; fieldErrors: Record<string, string> };

/** Field errors from issues: the first message per field, keyed by `field` of each issue's path. */
export function fieldErrorsOf(
  issues: readonly { path: string; message: string }[] | undefined,
  field: (path: string) => string = (path) => path,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues ?? []) out[field(i.path)] ??= i.message;
  return out;
}

/** What a server action returns for a thrown error: the safe message and field issues, logged if internal. */
export function actionErrorState(error: unknown, action: string, field?: (path: string) => string): ActionErrorState {
  const e = reportError(error, `action ${action}`);
  return { error: e.message, fieldErrors: fieldErrorsOf(e.issues, field) };
}
