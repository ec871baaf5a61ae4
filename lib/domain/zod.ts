// zod as the application uses it: every schema imports `z` from here (lint forbids "zod" elsewhere), so
// the wording below is installed before any schema exists, and so before anything is parsed, in every
// process: the web server, jobs, the CLI, scripts, tests and the browser. An instrumentation hook or a
// test setup file would each cover one of those and leave the rest with zod's defaults.
//
// A message a schema gives itself (`.max(120, "At most 120 characters")`, a refine's message, an
// `error` option) outranks this: zod asks a global customError only when the issue has no message
// of its own (v4 core `finalizeIssue`: issue message > check's error > schema's error > parse
// options > config.customError > the English locale). For the codes not worded here (custom, and
// anything a later zod adds) it answers undefined and the locale speaks.
import { z } from "zod";

type Issue = Parameters<z.core.$ZodErrorMap>[0];

const plural = (n: number | bigint, one: string, many = `${one}s`) => `${n} ${n === 1 || n === 1n ? one : many}`;

const SIZE_UNITS: Record<string, [string, string?]> = {
  string: ["character"],
  array: ["item"],
  set: ["item"],
  map: ["entry", "entries"],
  file: ["byte"],
};

/** "120 characters", "8", a date for a date's bound. */
function bound(origin: string, n: number | bigint): string {
  const unit = SIZE_UNITS[origin];
  if (unit) return plural(n, ...unit);
  if (origin === "date") return new Date(Number(n)).toISOString();
  return String(n);
}

const EXPECTED: Record<string, string> = {
  string: "Expected text",
  number: "Expected a number",
  bigint: "Expected a number",
  int: "A whole number",
  boolean: "Expected true or false",
  date: "Expected a date",
  array: "Expected a list",
  tuple: "Expected a list",
  object: "Expected an object",
  record: "Expected an object",
};

const FORMATS: Record<string, string> = {
  email: "Not an email address",
  url: "Not a URL",
  uuid: "Not a UUID",
  datetime: "Not a date and time (ISO 8601, e.g. 2026-01-31T09:00:00Z)",
  date: "Not a date (YYYY-MM-DD)",
  time: "Not a time (HH:MM[:SS])",
  ipv4: "Not an IPv4 address",
  ipv6: "Not an IPv6 address",
  cidrv4: "Not an IPv4 range",
  cidrv6: "Not an IPv6 range",
  regex: "Not in the expected form",
};

const listed = (values: readonly unknown[]) => values.map((v) => (typeof v === "string" ? v : String(v))).join(", ");

/** The application's message for an issue no schema worded, or undefined for zod's own. */
export function issueMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined || issue.input === null) return "Required";
      return EXPECTED[issue.expected] ?? `Expected ${issue.expected}`;
    case "too_big": {
      const n = bound(issue.origin, issue.maximum);
      if (issue.exact) return `Exactly ${n}`;
      if (issue.origin === "date") return issue.inclusive ? `On or before ${n}` : `Before ${n}`;
      return issue.inclusive === false ? `Less than ${n}` : `At most ${n}`;
    }
    case "too_small": {
      const n = bound(issue.origin, issue.minimum);
      if (issue.exact) return `Exactly ${n}`;
      if (issue.origin === "date") return issue.inclusive ? `On or after ${n}` : `After ${n}`;
      return issue.inclusive === false ? `More than ${n}` : `At least ${n}`;
    }
    case "invalid_format":
      if (issue.format === "starts_with" && "prefix" in issue) return `Must start with "${String(issue.prefix)}"`;
      if (issue.format === "ends_with" && "suffix" in issue) return `Must end with "${String(issue.suffix)}"`;
      if (issue.format === "includes" && "includes" in issue) return `Must contain "${String(issue.includes)}"`;
      return FORMATS[issue.format] ?? `Not a valid ${issue.format}`;
    case "not_multiple_of":
      return `A multiple of ${issue.divisor}`;
    case "invalid_value":
      return issue.values.length === 1 ? `Must be ${listed(issue.values)}` : `One of ${listed(issue.values)}`;
    case "unrecognized_keys":
      return `Unknown field${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}`;
    case "invalid_union":
      return "options" in issue && Array.isArray(issue.options) && issue.options.length
        ? `One of ${listed(issue.options)}`
        : "Not a value this field accepts";
    case "invalid_key":
      return "A key is not valid";
    case "invalid_element":
      return "An entry is not valid";
    default:
      return undefined;
  }
}

z.config({ customError: issueMessage });

export { z };
