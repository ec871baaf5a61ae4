"use client";

import { useState, type FormEvent } from "react";
import { TextField, FormError } from "@/components/ui/field";
import { Button } from "@/components/ui/button";

export function SignInForm({
  next,
  oidcName,
  initialError,
}: {
  next: string;
  oidcName: string | null;
  initialError?: string;
}) {
  const [error, setError] = useState<string | undefined>(initialError);
  const [isBusy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    const res = await fetch("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: form.get("email"), password: form.get("password") }),
    });
    if (res.ok) {
      window.location.href = next;
      return;
    }
    setBusy(false);
    if (res.status === 429) setError("Too many sign-in attempts. Wait a minute and try again.");
    else if (res.status === 401 || res.status === 400) setError("The email or password is not correct.");
    else setError(`Sign-in failed (${res.status}). Try again, or contact your administrator.`);
  }

  async function onOidc() {
    setBusy(true);
    setError(undefined);
    // better-auth 1.7 runs generic OAuth providers through /sign-in/social; failures come back to
    // this page with ?error=<code>, keeping `next`
    const res = await fetch("/api/auth/sign-in/social", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        provider: "oidc",
        callbackURL: next,
        errorCallbackURL: `/sign-in?next=${encodeURIComponent(next)}`,
        disableRedirect: true,
      }),
    });
    const body = (await res.json().catch(() => ({}))) as { url?: string };
    if (res.ok && body.url) window.location.href = body.url;
    else {
      setBusy(false);
      setError("Single sign-on is not available right now.");
    }
  }

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4">
      <FormError message={error} />
      <TextField label="Email" name="email" type="email" autoComplete="username" required autoFocus />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
      <Button type="submit" disabled={isBusy} className="w-full">
        {isBusy ? "Signing in…" : "Sign in"}
      </Button>
      {oidcName ? (
        <Button variant="secondary" className="w-full" disabled={isBusy} onClick={onOidc}>
          Sign in with {oidcName}
        </Button>
      ) : null}
    </form>
  );
}
