"use client";

import { PageError } from "@/components/tables/page-error";

export default function ListError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError what="the findings" error={error} reset={reset} />;
}
