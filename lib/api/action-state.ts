// The states server actions return to their forms. They live here, not beside the actions in app/,
// because the form components in components/ read them and components/ never imports app/.

/** What every form's state carries: an error (with field errors) or a success message. */
type FormState = {
  error?: string;
  fieldErrors?: Record<string, string>;
  message?: string;
};

export type SignerFormState = FormState & {
  values?: Record<string, string>;
  nonce?: number;
};

export type TokenFormState = FormState & {
  token?: string;
  tokenName?: string;
};

export type PeopleFormState = FormState & {
  nonce?: number;
};

/** One row of the users list: the answer names the user it is about. */
export type UserAccessFormState = FormState & {
  userId?: string;
  nonce?: number;
};

/** The policy editor: the document as typed, kept when a save is refused. */
export type PolicyFormState = FormState & { document?: string };
