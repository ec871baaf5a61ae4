import { HydrationBoundary, type DehydratedState } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/card";

/** An inventory list page: its header, then the client list hydrated with the server's prefetch. */
export function ListPage({ title, description, state, children }: { title: string; description: ReactNode; state: DehydratedState; children: ReactNode }) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <HydrationBoundary state={state}>{children}</HydrationBoundary>
    </>
  );
}
