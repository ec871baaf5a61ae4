import type { ReactNode } from "react";
import { ButtonLink } from "@/components/ui/button-link";

/** The body of the 403 and 404 pages: what happened, why, and where the user can go instead. */
export function RefusalPage({
  code,
  title,
  reason,
  children,
}: {
  code: 403 | 404;
  title: string;
  reason: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="mx-auto max-w-xl py-10" data-testid={`refusal-${code}`}>
      <p className="text-sm font-semibold text-indigo-700">Error {code}</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
      <p className="mt-3 text-sm text-slate-700">{reason}</p>
      {children ? <div className="mt-3 text-sm text-slate-700">{children}</div> : null}
      <div className="mt-6 flex flex-wrap gap-2">
        <ButtonLink href="/">Go to the overview</ButtonLink>
        <ButtonLink variant="secondary" href="/signers">
          Search the signers
        </ButtonLink>
      </div>
    </div>
  );
}

export function ForbiddenBody({ reason }: { reason: string | null }) {
  return (
    <RefusalPage
      code={403}
      title="You cannot open this page"
      reason={reason ?? "Your role does not include this page."}
    >
      If your work needs it, ask an administrator to change your role. Everything your role may open is in the
      navigation.
    </RefusalPage>
  );
}

export function NotFoundBody() {
  return (
    <RefusalPage
      code={404}
      title="Nothing here"
      reason="This address names no page, or the record it names does not exist, or it is not one you may see (signer owners see only their own signers and what hangs off them)."
    >
      Check the address, or find the record from a list: every signer, certificate, key and finding is reachable from
      its list and from the overview.
    </RefusalPage>
  );
}
