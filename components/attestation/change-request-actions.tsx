"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { postJson } from "./post-json";

export function ChangeRequestActions({ id, label }: { id: string; label: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [isBusy, setBusy] = useState(false);
  async function resolve(decision: "done" | "rejected") {
    setBusy(true);
    const r = await postJson(`/api/v1/campaigns/change-requests/${id}`, { decision });
    setBusy(false);
    if (r.ok) router.refresh();
    else setError(r.message);
  }
  return (
    <div className="flex items-center gap-2">
      <Button variant="secondary" disabled={isBusy} onClick={() => resolve("done")} aria-label={`Mark done: ${label}`}>
        Mark done
      </Button>
      <Button variant="secondary" disabled={isBusy} onClick={() => resolve("rejected")} aria-label={`Reject: ${label}`}>
        Reject
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </div>
  );
}
