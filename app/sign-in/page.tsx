import { redirect } from "next/navigation";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { getCurrentUser } from "@/lib/auth/session";
import { isSetupComplete } from "@/lib/services/create-first-admin";
import { SignInForm } from "./sign-in-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

function safeNext(next: string | undefined) {
  // only same-site paths: never an open redirect
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; setup?: string }> }) {
  const params = await searchParams;
  if (!(await isSetupComplete(getDb()))) redirect("/setup");
  const next = safeNext(params.next);
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
        <SignInForm next={next} oidcName={oidc?.name ?? null} />
      </div>
    </div>
  );
}
