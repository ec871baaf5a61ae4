import type { ErrorCode, FieldIssue } from "./errors";

// The API's error body, as errorResponse (handler.ts) writes it and every client reads it: the one
// place a browser turns a refused request into a message and field issues.

export type ApiErrorBody = { error: { code: ErrorCode; message: string; issues?: FieldIssue[] } };

export type ApiError = { status: number; message: string; issues: FieldIssue[] };

/** What a failed response says: the server's safe message and issues, or its status line when it sent no JSON. */
export async function readApiError(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as Partial<ApiErrorBody> | null;
  return {
    status: res.status,
    message: body?.error?.message ?? `The server answered ${res.status} ${res.statusText}`.trim(),
    issues: body?.error?.issues ?? [],
  };
}
