import { describe, expect, it } from "vitest";
import { z } from "./zod";

const messages = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  if (r.success) throw new Error("expected a refusal");
  return r.error.issues.map((i) => i.message);
};

describe("zod's issues in the application's words", () => {
  it("names a missing value and a wrong type plainly", () => {
    expect(messages(z.object({ reason: z.string() }), {})).toEqual(["Required"]);
    expect(messages(z.string(), 4)).toEqual(["Expected text"]);
    expect(messages(z.coerce.number(), "eight")).toEqual(["Expected a number"]);
    expect(messages(z.number().int(), 1.5)).toEqual(["A whole number"]);
    expect(messages(z.boolean(), "yes")).toEqual(["Expected true or false"]);
  });

  it("gives sizes in the unit of what is measured", () => {
    expect(messages(z.string().max(120), "x".repeat(121))).toEqual(["At most 120 characters"]);
    expect(messages(z.string().trim().min(1), "  ")).toEqual(["At least 1 character"]);
    expect(messages(z.coerce.number().int().min(1).max(168), "0")).toEqual(["At least 1"]);
    expect(messages(z.number().max(8), 9)).toEqual(["At most 8"]);
    expect(messages(z.number().positive(), 0)).toEqual(["More than 0"]);
    expect(messages(z.array(z.string()).max(20), Array(21).fill("a"))).toEqual(["At most 20 items"]);
  });

  it("words formats, choices and unknown fields", () => {
    expect(messages(z.email(), "nobody")).toEqual(["Not an email address"]);
    expect(messages(z.string().regex(/^[a-z]+$/), "A")).toEqual(["Not in the expected form"]);
    expect(messages(z.enum(["a", "b", "c"]), "d")).toEqual(["One of a, b, c"]);
    expect(messages(z.strictObject({ a: z.string() }), { a: "x", x: 1, y: 2 })).toEqual(["Unknown fields: x, y"]);
  });

  it("leaves a schema's own message in place", () => {
    expect(messages(z.string().max(3, "Three at most"), "four")).toEqual(["Three at most"]);
    expect(messages(z.enum(["a"], { message: "Pick a" }), "b")).toEqual(["Pick a"]);
    expect(messages(z.string({ error: "Say it" }), undefined)).toEqual(["Say it"]);
    expect(
      messages(
        z.string().refine(() => false, "Refused"),
        "x",
      ),
    ).toEqual(["Refused"]);
  });
});
