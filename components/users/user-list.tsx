"use client";

import { Badge } from "@/components/ui/badge";
import { DateText } from "@/components/ui/date-text";
import { requiredColumn, type Column } from "@/components/tables/data-table";
import { UnfilteredList } from "@/components/tables/inventory-list";
import type { FormAction } from "@/lib/api/action-state";
import type { UserSummary } from "@/lib/db/users/users";
import { ROLE_LABELS } from "@/lib/domain/authz";
import { userListQuery } from "@/lib/queries/admin";
import { UserAccessControls } from "./user-access-controls";

/** The users of /admin: role, linked person, sign-in, and the controls that change them. */
export function UserList({ changeAccess }: { changeAccess: FormAction }) {
  const columns: Column<UserSummary>[] = [
    requiredColumn({
      id: "user",
      label: "User",
      // a long name or email wraps rather than pushing the role and access controls out of view
      wrap: "anywhere",
      render: (u) => (
        <>
          <div>{u.name}</div>
          <div className="text-xs text-slate-500">{u.email}</div>
          <div className="text-xs text-slate-500">
            created <DateText date={u.createdAt} />
          </div>
        </>
      ),
    }),
    {
      id: "role",
      label: "Role",
      priority: 3,
      render: (u) => (
        <>
          <div>{ROLE_LABELS[u.role] ?? u.role}</div>
          {u.isRoleManual ? <div className="text-xs text-slate-500">managed by hand</div> : null}
        </>
      ),
    },
    {
      id: "person",
      label: "Linked person",
      priority: 3,
      render: (u) =>
        u.personId ? u.isPersonLeft ? "yes, has left" : "yes" : <span className="text-slate-500">no</span>,
    },
    {
      id: "signIn",
      label: "Sign-in",
      priority: 2,
      wrap: "words",
      render: (u) =>
        u.isDisabled ? (
          <>
            <Badge tone="slate">disabled</Badge>
            {u.banReason ? <div className="max-w-48 text-xs text-slate-500">{u.banReason}</div> : null}
          </>
        ) : (
          <Badge tone="green">active</Badge>
        ),
    },
    {
      id: "access",
      label: "Change role or access",
      priority: 1,
      className: "xl:min-w-80",
      render: (u) => <UserAccessControls user={u} action={changeAccess} />,
    },
  ];
  return (
    <UnfilteredList
      query={userListQuery}
      noun="user"
      empty={{ title: "No users yet", text: "Create one below." }}
      table={{ caption: "Users", columns }}
    />
  );
}
