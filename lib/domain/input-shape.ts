// What no input field has a use for, wherever it sits in a JSON value: a NUL character (U+0000),
// which PostgreSQL cannot store in text, and nesting deeper than any schema (a body nested
// thousands of levels deep fits in 1 MiB). Pure: the API's route() refuses such a body with 422
// (lib/api/handler.ts refuseNul), the signer import marks such a row as an error.

/** How deep a JSON body, query or imported row may nest before it is refused. */
export const MAX_INPUT_DEPTH = 32;

export type InputProblem = { path: (string | number)[]; message: string };

const NUL = "contains a NUL character (U+0000)";

/** The first NUL or over-deep place in `input`, or null. A loop, not recursion: depth cannot overflow the stack. */
export function inputProblem(input: unknown): InputProblem | null {
  const pending: { value: unknown; path: (string | number)[] }[] = [{ value: input, path: [] }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value === "string") {
      if (value.includes("\u0000")) return { path, message: NUL };
    } else if (value && typeof value === "object") {
      if (path.length >= MAX_INPUT_DEPTH) return { path, message: `nested more than ${MAX_INPUT_DEPTH} levels deep` };
      if (Array.isArray(value)) value.forEach((v, i) => pending.push({ value: v, path: [...path, i] }));
      else
        for (const [k, v] of Object.entries(value)) {
          if (k.includes("\u0000")) return { path: [...path, k], message: NUL };
          pending.push({ value: v, path: [...path, k] });
        }
    }
  }
  return null;
}

/** A path as the API's messages write it: `a.b[2].c`, "(root)" for the whole value. */
export function pathText(path: readonly (string | number)[]): string {
  return (
    path.reduce<string>((out, p) => (typeof p === "number" ? `${out}[${p}]` : out ? `${out}.${p}` : p), "") || "(root)"
  );
}
