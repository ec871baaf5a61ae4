"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { fetchJson } from "@/lib/queries/query-client";
import { outboxKeys } from "@/lib/queries/outbox";

/** "Retry now" on a failed or waiting email; refreshes the lists and this email's preview only. */
export function RetryButton({ messageId, label = "Retry now" }: { messageId: string; label?: string }) {
  const queryClient = useQueryClient();
  const retry = useMutation({
    mutationFn: () =>
      fetchJson<{ message: { id: string } }>(`/api/v1/outbox/${encodeURIComponent(messageId)}/retry`, {
        method: "POST",
      }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: outboxKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: outboxKeys.detail(messageId) }),
      ]),
  });
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        variant="secondary"
        className="px-2 py-1 text-xs"
        disabled={retry.isPending}
        onClick={() => retry.mutate()}
      >
        {retry.isPending ? "Queuing…" : label}
      </Button>
      <span aria-live="polite" className="text-xs">
        {retry.isError ? (
          <span className="text-red-700">{retry.error.message}</span>
        ) : retry.isSuccess ? (
          <span className="text-emerald-700">Queued</span>
        ) : null}
      </span>
    </span>
  );
}
