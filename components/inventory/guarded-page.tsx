import type { ReactNode } from "react";
import { requirePageUser } from "@/lib/auth/guard";
import type { PagePattern } from "@/lib/auth/page-access";
import { PageHeader } from "@/components/ui/card";

/**
 * A page with no list to prefetch (a form, an upload, a reference): its entry in PAGE_ACCESS says
 * who may open it, then its header over what `render` returns. `render` runs after that check, so
 * what it loads is loaded only for a reader who may see it.
 */
export function guardedPage({
  page,
  title,
  description,
  render,
}: {
  /** the page's route pattern */
  page: PagePattern;
  title: string;
  description: ReactNode;
  render: () => ReactNode | Promise<ReactNode>;
}) {
  return async function GuardedPage() {
    await requirePageUser(page);
    return (
      <>
        <PageHeader title={title} description={description} />
        {await render()}
      </>
    );
  };
}
