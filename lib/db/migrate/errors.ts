// Every failure of the migration runner surfaces as a MigrationError whose message is one line
// that says what to fix (scripts/start.mjs prints it as is). The full engine text, when there is
// one, stays in `details` for logs.

export class MigrationError extends Error {
  readonly details: string | undefined;

  constructor(message: string, options: { cause?: unknown; details?: string } = {}) {
    super(oneLine(message), { cause: options.cause });
    this.name = "MigrationError";
    this.details = options.details;
  }
}

/** Collapses whitespace and newlines so a message prints as a single line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error !== null && "message" in error) return String(error.message);
  return String(error);
}

export function errorCode(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "code" in error && typeof error.code === "string") {
    return error.code;
  }
  return undefined;
}
