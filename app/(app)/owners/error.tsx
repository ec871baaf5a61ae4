"use client";

import { PageError } from "@/components/tables/page-error";

export default function ListError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError what="the owners" error={error} reset={reset} />;
}
