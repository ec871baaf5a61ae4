"use client";

import { useSearchParams } from "next/navigation";

/** What the tasks page says after an answer, a delegation, or a sign-in from an emailed link (from its URL). */
export function TaskNotice() {
  const params = useSearchParams();
  const answered = params.get("answered");
  const delegated = params.get("delegated");
  const notice = answered
    ? `Thank you: your attestation of ${answered} is recorded.`
    : delegated
      ? `Task delegated to ${delegated}; they have been emailed.`
      : params.get("from") === "link"
        ? "Signed in from your email link. These are your attestation tasks."
        : null;
  return notice ? (
    <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
      {notice}
    </p>
  ) : null;
}
