"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormError, TextField } from "@/components/ui/field";
import { postJson } from "./post-json";

export function DelegateForm({ taskId }: { taskId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [isBusy, setBusy] = useState(false);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    setBusy(true);
    const r = await postJson<{ toName: string }>(`/api/v1/attestations/${taskId}/delegate`, {
      toEmail: f.get("toEmail"),
      reason: f.get("reason") || null,
    });
    setBusy(false);
    if (r.ok) {
      router.push(`/tasks?delegated=${encodeURIComponent(r.data.toName)}`);
      router.refresh();
    } else setError(r.message);
  }
  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate>
      <FormError message={error} />
      <TextField label="Colleague's email" name="toEmail" type="email" required />
      <TextField label="Why (optional)" name="reason" />
      <Button type="submit" variant="secondary" disabled={isBusy}>
        {isBusy ? "Delegating…" : "Delegate task"}
      </Button>
    </form>
  );
}
