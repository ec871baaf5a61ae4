import { redirect } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { isSetupComplete } from "@/lib/services/create-first-admin";
import { SetupForm } from "./setup-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "Set up Signet" };

export default async function SetupPage() {
  if (await isSetupComplete(getDb())) redirect("/sign-in");
  return (
    <div className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-semibold">Welcome to Signet</h1>
        <p className="mt-2 text-sm text-slate-600">
          Create the first administrator account. Everyone else gets an account from an administrator (or signs in with
          your identity provider once OIDC is configured).
        </p>
        <SetupForm />
      </div>
    </div>
  );
}
