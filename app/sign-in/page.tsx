import { redirect } from "next/navigation";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { getCurrentUser } from "@/lib/auth/session";
import { isSetupComplete } from "@/lib/services/create-first-admin";
import { safeNextPath } from "@/lib/auth/safe-next";
import { SignInForm } from "./sign-in-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

// better-auth sends failed single sign-on back here with ?error=<code> (lib/auth/auth.ts). Known
// codes get a sentence; the provider's free-text error_description is never shown (it is not ours).
const SSO_ERRORS: Record<string, string> = {
  access_denied: "Single sign-on was cancelled or access was denied at the identity provider.",
  state_mismatch: "That sign-in attempt was not started from this browser or has expired. Try again.",
  state_not_found: "That sign-in attempt was not started from this browser or has expired. Try again.",
  state_invalid: "That sign-in attempt was not started from this browser or has expired. Try again.",
  invalid_callback_request: "The identity provider sent an invalid response. Try again.",
  email_not_found: "The identity provider did not share an email address, which Signet needs.",
  email_not_verified: "The identity provider has not verified your email address.",
  account_not_linked: "An account with this email already exists and could not be linked to single sign-on. Ask an administrator.",
  banned: "This account is disabled. Ask an administrator.",
};

function ssoErrorMessage(code: string | undefined) {
  if (!code) return undefined;
  const known = SSO_ERRORS[code.toLowerCase()];
  if (known) return known;
  const shown = /^[\w.-]{1,64}$/.test(code) ? ` (${code})` : "";
  return `Single sign-on failed${shown}. Try again, or contact your administrator.`;
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; setup?: string; error?: string }> }) {
  const params = await searchParams;
  if (!(await isSetupComplete(getDb()))) redirect("/setup");
  const next = safeNextPath(params.next);
  if (await getCurrentUser()) redirect(next);
  const oidc = getConfig().oidc;
  return (
    <div className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-semibold">Sign in to Signet</h1>
        {params.setup === "done" ? (
          <p role="status" className="mt-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
            Administrator created. Sign in with it now.
          </p>
        ) : null}
        <SignInForm next={next} oidcName={oidc?.name ?? null} initialError={ssoErrorMessage(typeof params.error === "string" ? params.error : undefined)} />
      </div>
    </div>
  );
}
