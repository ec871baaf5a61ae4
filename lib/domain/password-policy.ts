import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";

// The password policy, wherever a password is set (setup page, user creation, better-auth's hash
// step as the backstop): at least 12 characters and a zxcvbn-ts score of 3 or more ("safely
// unguessable"), judged also against the user's own name and email.

export const MIN_PASSWORD_LENGTH = 12;
export const MIN_PASSWORD_SCORE = 3;

let factory: ZxcvbnFactory | null = null;
function estimator() {
  factory ??= new ZxcvbnFactory({ dictionary: { ...dictionary }, graphs: adjacencyGraphs });
  return factory;
}

/** A plain sentence saying why the password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, userInputs: string[] = []): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters`;
  if (!password.trim()) return "The password cannot be only spaces";
  // the estimator's cost grows with length; past 100 characters a password is not guessable anyway
  const inputs = userInputs.flatMap((s) => [s, ...s.split(/[\s@._+-]+/)]).filter((s) => s.length >= 3).map((s) => s.toLowerCase());
  const result = estimator().check(password.slice(0, 100), inputs);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  // feedback.warning is a translation key without @zxcvbn-ts/language-en; name the one we can say plainly
  const hint = result.feedback.warning === "userInputs" ? ": it contains your name or email" : "";
  return `This password is too easy to guess${hint}. Use a longer passphrase of unrelated words`;
}
