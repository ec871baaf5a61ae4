// The one state every server action returns to its form (through the action() wrapper in
// lib/api/action.ts). It lives here, not beside the actions in app/, because the form components in
// components/ read it and components/ never imports app/.

/** What a server action answered: an error with field errors, or a success message, and its data. */
export type ActionState<T = undefined> = {
  error?: string;
  fieldErrors?: Record<string, string>;
  message?: string;
  /** what was submitted (secrets left out), so a refused form can show it again */
  values?: Record<string, string>;
  /** every value submitted under each name (a checkbox group's ticked boxes), secrets left out */
  lists?: Record<string, string[]>;
  /** what the action answers besides its message (a new API token, shown once; a report) */
  data?: T;
  /** new on every answer, so the same message twice still re-renders (forms key on it) */
  nonce?: number;
};

/** A server action as a form calls it through useActionState. */
export type FormAction<T = undefined> = (prev: ActionState<T>, form: FormData) => Promise<ActionState<T>>;
