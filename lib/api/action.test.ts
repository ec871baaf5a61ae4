import { afterEach, describe, expect, it, vi } from "vitest";
import { redirect } from "next/navigation";
import { z } from "@/lib/domain/zod";
import { AppError } from "./errors";

// action() without a server: the session and the database are stand-ins; what is tested is the
// one path every server action takes from form to ActionState.
const signedIn = vi.hoisted(() => ({ role: "analyst" as string }));
vi.mock("@/lib/auth/action-guard", () => ({
  requireActionUser: async (permission: string) => {
    if (signedIn.role === "owner" && permission === "inventory:write")
      throw new (await import("./errors")).AppError("forbidden", "Your role (owner) may not do this");
    return { id: "u1", name: "Ana", email: "ana@acme.example", role: signedIn.role, personId: null };
  },
}));
vi.mock("@/lib/db/client", () => ({ getDb: () => ({}) }));

const { action, invalidField, submittedFields } = await import("./action");

const form = (fields: Record<string, string | string[]>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) f.append(k, x);
  return f;
};
const schema = z.object({ name: z.string().min(1, "Enter a name"), email: z.email("Enter an email") });

describe("action()", () => {
  afterEach(() => {
    signedIn.role = "analyst";
    vi.restoreAllMocks();
  });

  it("parses the form and answers the run's state, with the signed-in user as actor", async () => {
    const run = vi.fn(async ({ input, actor }) => ({ message: `${input.name} by ${actor.label}` }));
    const act = action({ name: "t", permission: "inventory:write", input: schema }, run);
    const state = await act({}, form({ name: "Ana", email: "a@b.example" }));
    expect(state.message).toBe("Ana by ana@acme.example");
    expect(state.nonce).toEqual(expect.any(Number));
  });

  it("turns zod issues into field errors, first message per field, and sends the values back without secrets", async () => {
    const run = vi.fn();
    const act = action({ name: "t", permission: "inventory:write", input: schema }, run);
    const state = await act({}, form({ name: "", email: "x", password: "hunter2-hunter2", $ACTION_ID_1: "" }));
    expect(run).not.toHaveBeenCalled();
    expect(state).toMatchObject({
      error: "Check the highlighted fields",
      fieldErrors: { name: "Enter a name", email: "Enter an email" },
      values: { name: "", email: "x" },
    });
    expect(state.values).not.toHaveProperty("password");
    expect(state.values).not.toHaveProperty("$ACTION_ID_1");
  });

  // found by e2e/14-discovery: the discovery forms' strict schema refused every submission
  it("leaves Next.js's own $ACTION fields out of what a strict schema parses", async () => {
    const run = vi.fn(async ({ input }) => ({ message: input.name }));
    const act = action({ name: "t", permission: "inventory:write", input: schema.strict() }, run);
    const state = await act(
      {},
      form({ name: "Ana", email: "a@b.example", $ACTION_REF_10: "", "$ACTION_10:0": "{}", $ACTION_KEY: "k" }),
    );
    expect(state.error).toBeUndefined();
    expect(run.mock.calls[0][0].input).toEqual({ name: "Ana", email: "a@b.example" });
  });

  it("says in the message what a form without that field cannot show", async () => {
    const act = action({ name: "t", permission: "inventory:write", input: schema, fields: ["name"] }, vi.fn());
    const state = await act({}, form({ name: "Ana", email: "x" }));
    expect(state.error).toBe("Enter an email");
    expect(state.fieldErrors).toEqual({});
  });

  it("refuses a role without the permission before parsing", async () => {
    signedIn.role = "owner";
    const run = vi.fn();
    const state = await action({ name: "t", permission: "inventory:write", input: schema }, run)({}, form({}));
    expect(state.error).toBe("Your role (owner) may not do this");
    expect(run).not.toHaveBeenCalled();
  });

  it("shows a field error thrown after parsing beside its field", async () => {
    const act = action({ name: "t", permission: "inventory:write" }, async () => {
      throw invalidField("password", "Too easy to guess");
    });
    expect(await act({}, form({}))).toMatchObject({
      error: "Check the highlighted fields",
      fieldErrors: { password: "Too easy to guess" },
    });
  });

  it("logs an internal error under the action's name and answers the safe message", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const boom = new Error("connection string postgres://secret@db");
    const state = await action({ name: "createThing", permission: "inventory:write" }, async () => {
      throw boom;
    })({}, form({}));
    expect(state.error).toBe("Something went wrong on the server; the error has been logged");
    expect(log).toHaveBeenCalledWith("[signet] action createThing failed:", boom);
  });

  it("lets redirect() through, and a conflict is not logged", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const go = action({ name: "t", permission: "inventory:write" }, async () => redirect("/signers/1"));
    await expect(go({}, form({}))).rejects.toThrow(/NEXT_REDIRECT/);
    const conflict = action({ name: "t", permission: "inventory:write" }, async () => {
      throw new AppError("conflict", "A signer with this name exists");
    });
    expect((await conflict({}, form({}))).error).toBe("A signer with this name exists");
    expect(log).not.toHaveBeenCalled();
  });

  it("runs a public action with no user", async () => {
    const act = action({ name: "setup", permission: "public" }, async ({ user, actor }) => ({
      data: { user, actor },
    }));
    expect((await act({}, form({}))).data).toEqual({ user: null, actor: null });
    expect(submittedFields(form({ a: ["1", "2"], b: "3", confirm: "x" }))).toEqual({
      values: { a: "1", b: "3" },
      lists: { a: ["1", "2"], b: ["3"] },
    });
    // a pasted key or token is not sent back to the page with the refusal
    expect(submittedFields(form({ name: "ci", evidence: "-----BEGIN PRIVATE KEY-----\nMIIE" })).values).toEqual({
      name: "ci",
    });
  });
});
