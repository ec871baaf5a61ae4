import { unstable_rethrow } from "next/navigation";
import type { z } from "@/lib/domain/zod";
import { requireActionUser } from "@/lib/auth/action-guard";
import { userActor, type CurrentUser } from "@/lib/auth/session";
import { getDb, type Db } from "@/lib/db/client";
import type { Permission } from "@/lib/domain/authz";
import { looksLikeSecret } from "@/lib/domain/signer-input";
import type { Actor } from "@/lib/services/audit";
import type { ActionState } from "./action-state";
import { actionErrorState, AppError, fieldErrorsOf, zodIssues } from "./errors";

// The one wrapper every server action goes through, beside route() for the API: authenticate and
// authorise (server actions are public endpoints), parse the form with zod, turn zod issues into
// field errors, log internal errors (reportError) and answer one ActionState. The action may call
// redirect(): Next.js's own control-flow errors pass through.

/** Fields never sent back to the form: a refused form must not echo a password or a token. */
const SECRET_FIELD = /password|confirm|secret|token/i;

type ActionOptions<S extends z.ZodType | undefined, P extends Permission | "public"> = {
  /** names the action in the error log */
  name: string;
  /** who may call it; "public" only for first-run setup, which runs before anyone can sign in */
  permission: P;
  /** the input schema, given what `read` makes of the form (default: its fields as strings) */
  input?: S;
  read?: (form: FormData) => unknown;
  /** the form field that shows an issue at this path (default: the path's first segment) */
  field?: (path: string) => string;
  /**
   * The fields the form shows errors beside. An issue on any other path becomes the form's message;
   * without this list every field shows its own error.
   */
  fields?: readonly string[];
};

type ActionContext<I, P> = {
  input: I;
  form: FormData;
  user: P extends "public" ? null : CurrentUser;
  actor: P extends "public" ? null : Actor & { type: "user" };
  db: Db;
  now: Date;
};

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

/** Refuses the form with one field's error, found after parsing (a weak password, a mismatch). */
export function invalidField(path: string, message: string): AppError {
  return new AppError("validation", "Check the highlighted fields", { issues: [{ path, message }] });
}

const firstSegment = (path: string) => path.split(".")[0];

/**
 * The submitted fields as text for the refused form to show again: `values` holds the first value of
 * each (what a text field or a select shows), `lists` every value (a checkbox group's ticks). Left
 * out: Next.js's own `$ACTION…` fields, and secrets: a secret field's value, and any value that looks
 * like a secret (a key or token pasted where a reference goes is refused, and not left on screen either).
 */
export function submittedFields(form: FormData): Required<Pick<ActionState, "values" | "lists">> {
  const values: Record<string, string> = {};
  const lists: Record<string, string[]> = {};
  for (const [k, v] of form.entries())
    if (typeof v === "string" && !k.startsWith("$") && !SECRET_FIELD.test(k) && !looksLikeSecret(v)) {
      values[k] ??= v;
      (lists[k] ??= []).push(v);
    }
  return { values, lists };
}

/**
 * The submitted fields, Next.js's own `$ACTION…` fields left out: React adds them to a form whose
 * action comes through useActionState with progressive enhancement, and a strict input schema
 * would refuse the form for them ("Unknown fields: $ACTION_REF_10…").
 */
export function formFields(form: FormData): Record<string, FormDataEntryValue> {
  return Object.fromEntries([...form.entries()].filter(([k]) => !k.startsWith("$ACTION")));
}

/** Every function action() made: app/action-matrix.int.test.ts refuses an exported action outside it. */
const wrapped = new WeakSet<object>();

/** Whether `fn` came from action() (a server action that skipped the wrapper skipped its checks). */
export function isWrappedAction(fn: unknown): boolean {
  return typeof fn === "function" && wrapped.has(fn);
}

export function action<
  T = undefined,
  S extends z.ZodType | undefined = undefined,
  P extends Permission | "public" = Permission,
>(
  options: ActionOptions<S, P>,
  run: (ctx: ActionContext<Infer<S>, P>) => Promise<ActionState<T> | void>,
): (prev: ActionState<T>, form?: FormData) => Promise<ActionState<T>> {
  const field = options.field ?? firstSegment;
  const wrapper = async (_prev: ActionState<T>, form = new FormData()): Promise<ActionState<T>> => {
    const answer = (state: ActionState<T>): ActionState<T> => ({ ...state, nonce: Date.now() });
    const refused = (state: ActionState<T>) => answer({ ...state, ...submittedFields(form) });
    try {
      const user = options.permission === "public" ? null : await requireActionUser(options.permission);
      let input: unknown = undefined;
      if (options.input) {
        const parsed = options.input.safeParse(options.read ? options.read(form) : formFields(form));
        if (!parsed.success) return refused(validationState(zodIssues(parsed.error, "form"), field, options.fields));
        input = parsed.data;
      }
      const ctx = { input, form, user, actor: user ? userActor(user) : null, db: getDb(), now: new Date() };
      return answer((await run(ctx as ActionContext<Infer<S>, P>)) ?? {});
    } catch (error) {
      unstable_rethrow(error);
      const state = actionErrorState(error, options.name, field);
      return refused(
        options.fields ? validationState(issuesOf(state.fieldErrors), (p) => p, options.fields, state.error) : state,
      );
    }
  };
  wrapped.add(wrapper);
  return wrapper;
}

const issuesOf = (fieldErrors: Record<string, string>) =>
  Object.entries(fieldErrors).map(([path, message]) => ({ path, message }));

/**
 * Field errors for the fields the form shows; an issue on another field is the form's message
 * (or, when every issue has its field, `summary`).
 */
function validationState(
  issues: { path: string; message: string }[],
  field: (path: string) => string,
  fields: readonly string[] | undefined,
  summary = "Check the highlighted fields",
): { error: string; fieldErrors: Record<string, string> } {
  const fieldErrors = fieldErrorsOf(issues, field);
  const shown = fields ?? Object.keys(fieldErrors);
  const unshown = Object.entries(fieldErrors).find(([f]) => !shown.includes(f));
  return {
    error: unshown ? unshown[1] : summary,
    fieldErrors: Object.fromEntries(Object.entries(fieldErrors).filter(([f]) => shown.includes(f))),
  };
}
