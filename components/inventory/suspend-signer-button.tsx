"use client";

import Link from "next/link";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { postJson } from "@/components/attestation/post-json";
import { overviewKeys } from "@/lib/queries/overview";
import { signerKeys } from "@/lib/queries/signers";

/**
 * Suspends a signer in one click from the overview (the fix for a revoked certificate still
 * signing), with the reason recorded in the audit trail; then says so and links to the signer.
 */
export function SuspendSignerButton({
  signerId,
  signerName,
  reason,
}: {
  signerId: string;
  signerName: string;
  reason: string;
}) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<{ isBusy?: boolean; error?: string; isDone?: boolean }>({});
  async function suspend() {
    setState({ isBusy: true });
    const r = await postJson(`/api/v1/signers/${encodeURIComponent(signerId)}/status`, { status: "suspended", reason });
    if (!r.ok) return setState({ error: r.message });
    setState({ isDone: true });
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: overviewKeys.all }),
      queryClient.invalidateQueries({ queryKey: signerKeys.all }),
    ]);
  }
  if (state.isDone)
    return (
      <p role="status" className="text-sm text-emerald-800">
        <Link className="font-medium underline" href={`/signers/${signerId}`}>
          {signerName}
        </Link>{" "}
        is suspended: its pipelines can no longer sign.
      </p>
    );
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button
        type="button"
        onClick={suspend}
        disabled={state.isBusy}
        className="rounded-md border border-red-300 bg-white px-2 py-1 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-60"
      >
        {state.isBusy ? `Suspending ${signerName}…` : `Suspend ${signerName}`}
      </button>
      {state.error ? (
        <span role="alert" className="text-sm text-red-800">
          {state.error}
        </span>
      ) : null}
    </span>
  );
}
