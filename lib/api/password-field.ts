import { invalidField } from "./action";
import { passwordProblem } from "@/lib/domain/password-policy";

/**
 * Refuses, on the form's password field, a password the policy finds too easy to guess for this
 * user: their name and email count against it. Wherever an account gets its first password.
 */
export function refuseWeakPassword(user: { password: string; name: string; email: string }): void {
  const weak = passwordProblem(user.password, [user.name, user.email]);
  if (weak) throw invalidField("password", weak);
}
