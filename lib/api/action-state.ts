// The states server actions return to their forms. They live here, not beside the actions in app/,
// because the form components in components/ read them and components/ never imports app/.

export type SignerFormState = {
  error?: string;
  fieldErrors?: Record<string, string>;
  message?: string;
  values?: Record<string, string>;
  nonce?: number;
};

export type TokenFormState = { error?: string; fieldErrors?: Record<string, string>; message?: string; token?: string; tokenName?: string };

export type PeopleFormState = { error?: string; fieldErrors?: Record<string, string>; message?: string; nonce?: number };
