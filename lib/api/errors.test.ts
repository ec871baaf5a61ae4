import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "@/lib/domain/zod";
import { actionErrorState, AppError, parseValid, reportError } from "./errors";

// The safe message of an internal error says "the error has been logged": it must be.
describe("reportError / actionErrorState", () => {
  afterEach(() => vi.restoreAllMocks());

  it("logs an unexpected error with the caller's name and masks its message", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const boom = new Error("connection string postgres://secret@db");
    const state = actionErrorState(boom, "createSigner");
    expect(state).toEqual({ error: "Something went wrong on the server; the error has been logged", fieldErrors: {} });
    expect(log).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith("[signet] action createSigner failed:", boom);
  });

  it("does not log an AppError and turns its issues into field errors (first message per field)", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const error = new AppError("validation", "Check the fields", {
      issues: [
        { path: "name", message: "Too short" },
        { path: "name", message: "Second issue" },
        { path: "email", message: "Not an email" },
      ],
    });
    expect(actionErrorState(error, "createPerson")).toEqual({
      error: "Check the fields",
      fieldErrors: { name: "Too short", email: "Not an email" },
    });
    expect(log).not.toHaveBeenCalled();
  });

  it("maps a Prisma unique violation to a conflict without logging it", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const e = reportError({ code: "P2002", meta: { target: ["email"] } }, "request");
    expect(e.code).toBe("conflict");
    expect(log).not.toHaveBeenCalled();
  });

  // the shapes Prisma 7's driver adapters give (seen in signer-ownership.int.test.ts on both databases)
  const adapterError = (cause: Record<string, unknown>, modelName = "Person") => ({
    code: "P2002",
    meta: { modelName, driverAdapterError: { cause: { kind: "UniqueConstraintViolation", ...cause } } },
  });

  it.each([
    ["SQLite's columns", adapterError({ table: "Person", constraint: { fields: ["email"] } })],
    ["PostgreSQL's index name", adapterError({ table: "Person", constraint: { index: "Person_email_key" } })],
    ["the native engine's target", { code: "P2002", meta: { modelName: "Person", target: ["email"] } }],
  ])("names the model and the field of a unique violation from %s, as a field issue", (_, error) => {
    const message = "A person with this email already exists";
    expect(actionErrorState(error, "createPerson")).toEqual({ error: message, fieldErrors: { email: message } });
  });

  it("names every field of a composite unique index, in words", () => {
    const error = adapterError(
      { table: "SignerCredential", constraint: { index: "SignerCredential_signerId_name_key" } },
      "SignerCredential",
    );
    const message = "A signer credential with this signer id and name already exists";
    expect(reportError(error, "request")).toMatchObject({
      code: "conflict",
      message,
      issues: [
        { path: "signerId", message },
        { path: "name", message },
      ],
    });
  });

  it("keeps the general words when the violation names no field it can read", () => {
    const error = adapterError({ table: "Person", constraint: { index: "person_mail_idx" } });
    expect(actionErrorState(error, "createPerson")).toEqual({
      error: "A record with the same value already exists",
      fieldErrors: {},
    });
  });

  it("maps a Prisma transaction timeout to 503 (busy, retry) and logs it", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const e = reportError({ code: "P2028", message: "Unable to start a transaction in the given time." }, "request");
    expect(e.code).toBe("unavailable");
    expect(e.message).not.toMatch(/transaction/i);
    expect(log).toHaveBeenCalledOnce();
  });
});

describe("parseValid", () => {
  const schema = z.object({ name: z.string().min(1, "Name it"), days: z.number().int().max(90, "At most 90 days") });

  it("answers the parsed input", () => {
    expect(parseValid(schema, { name: "x", days: 3 }, { message: "Check the form" })).toEqual({ name: "x", days: 3 });
  });

  it("throws a validation error carrying every issue as a field issue", () => {
    const error = (() => {
      try {
        parseValid(schema, { name: "", days: 91 }, { message: "Check the form" });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: "validation",
      message: "Check the form",
      issues: [
        { path: "name", message: "Name it" },
        { path: "days", message: "At most 90 days" },
      ],
    });
  });

  it("with isFirstIssueTheMessage, says the first issue", () => {
    expect(() =>
      parseValid(schema, { name: "x", days: 91 }, { message: "Check the form", isFirstIssueTheMessage: true }),
    ).toThrow("At most 90 days");
  });
});
