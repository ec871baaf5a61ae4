"use client";

import { PageError } from "@/components/tables/page-error";

export default function CertificatesError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError what="the certificates" error={error} reset={reset} />;
}
