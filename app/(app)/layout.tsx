import type { ReactNode } from "react";
import { requireFrameUser } from "@/lib/auth/guard";
import { ROLE_LABELS } from "@/lib/domain/authz";
import { navFor } from "@/lib/domain/navigation";
import { AppShell } from "@/components/layout/app-shell";
import { SignOutButton } from "@/components/layout/sign-out-button";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireFrameUser();
  return (
    <AppShell
      groups={navFor(user)}
      account={
        <>
          <div className="px-3 text-sm text-white" data-testid="current-user">
            {user.name}
          </div>
          <div className="break-words px-3 pb-2 text-xs text-slate-300">
            {user.email} · {ROLE_LABELS[user.role]}
          </div>
          <SignOutButton />
        </>
      }
    >
      {children}
    </AppShell>
  );
}
