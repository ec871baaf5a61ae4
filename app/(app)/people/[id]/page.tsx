import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { findPersonDetail, listActivePeople, listTeamOptions, signersOwnedBy } from "@/lib/db/people/people-admin";
import { can } from "@/lib/domain/authz";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { DateText } from "@/components/ui/date-text";
import {
  CiHandlesForm,
  DeactivatePersonForm,
  PersonTeamForm,
  ReactivatePersonForm,
} from "@/components/people/people-forms";
import { HandOverForm, ReassignForm } from "@/components/people/reassign-form";
import {
  deactivatePersonAction,
  reactivatePersonAction,
  reassignAction,
  setCiHandlesAction,
  setPersonTeamAction,
} from "../actions";

export const metadata = { title: "Person" };

type Outcome = { orphaned?: string; backups?: string; signIn?: string; reassigned?: string; back?: string };

function outcomeText(o: Outcome): string | null {
  if (o.orphaned !== undefined) {
    return `Marked as left: ${o.orphaned} signers orphaned, ${o.backups ?? 0} lost their backup owner${o.signIn === "off" ? "; their Signet sign-in is disabled" : ""}.`;
  }
  if (o.back !== undefined)
    return `Marked as back.${o.back === "disabled" ? " Their Signet sign-in is still disabled: an administrator can re-enable it in Administration." : ""}`;
  if (o.reassigned !== undefined)
    return o.reassigned === "0" ? "Nothing to change." : `Ownership of ${o.reassigned} signers changed.`;
  return null;
}

export default async function PersonPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Outcome>;
}) {
  // refuses owners too: managing people is for the security team (PAGE_ACCESS)
  const user = await requirePageUser("/people/[id]");
  const { id } = await params;
  const db = getDb();
  const person = await findPersonDetail(db, id);
  if (!person) notFound();
  const [signers, people, teams] = await Promise.all([
    signersOwnedBy(db, id),
    listActivePeople(db),
    listTeamOptions(db),
  ]);
  const mayWrite = can(user.role, "inventory:write");
  const now = new Date();
  const live = signers.filter((s) => s.status !== "decommissioned");
  const outcome = outcomeText(await searchParams);
  return (
    <>
      <PageHeader
        title={person.name}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            {person.email} · {person.team?.name ?? "no team"}
            {person.isActive ? (
              <Badge tone="green">active</Badge>
            ) : (
              <Badge tone="red">
                left {person.deactivatedAt ? <DateText date={person.deactivatedAt} now={now} /> : null}
              </Badge>
            )}
            {person.user ? (
              <Badge tone={person.user.banned ? "slate" : "violet"}>
                Signet user ({person.user.role}
                {person.user.banned ? ", disabled" : ""})
              </Badge>
            ) : null}
          </span>
        }
        actions={
          <Link href="/owners" className="text-sm text-indigo-700 hover:underline">
            ← People and teams
          </Link>
        }
      />
      {outcome ? (
        <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {outcome}
        </p>
      ) : null}
      <div className="space-y-6">
        <Card title={`Signers owned (${live.length} live, ${signers.length - live.length} decommissioned)`}>
          {signers.length === 0 ? (
            <EmptyState title="Owns no signers" />
          ) : mayWrite ? (
            <ReassignForm
              action={reassignAction}
              personId={person.id}
              signers={signers}
              people={people.filter((p) => p.id !== person.id)}
              teams={teams}
            />
          ) : (
            <ul className="list-disc pl-5 text-sm">
              {signers.map((s) => (
                <li key={s.id}>
                  <Link className="text-indigo-700 hover:underline" href={`/signers/${s.id}`}>
                    {s.name}
                  </Link>{" "}
                  ({s.roles.join(", ")})
                </li>
              ))}
            </ul>
          )}
        </Card>
        {mayWrite ? (
          <Card title="Team">
            <PersonTeamForm
              action={setPersonTeamAction}
              personId={person.id}
              teamId={person.team?.id ?? null}
              teams={teams}
            />
          </Card>
        ) : null}
        <Card title="CI accounts">
          <p className="mb-3 text-sm text-slate-600">
            The names {person.name} runs pipelines as. A pipeline run they trigger reports one of these as
            &ldquo;triggered by&rdquo;, and Signet then refuses to let them approve the signing window that run asked
            for.
          </p>
          {mayWrite ? (
            <CiHandlesForm action={setCiHandlesAction} personId={person.id} ciHandles={person.ciHandles} />
          ) : person.ciHandles.length ? (
            <p className="font-mono text-sm">{person.ciHandles.join(", ")}</p>
          ) : (
            <p className="text-sm text-slate-500">None declared.</p>
          )}
        </Card>
        {mayWrite && live.length > 0 ? (
          <Card title="Hand over">
            <p className="mb-3 text-sm text-slate-600">
              Give every role {person.name} holds (primary or backup owner) to one successor, signer by signer in the
              same role.
            </p>
            <HandOverForm
              action={reassignAction}
              fromPersonId={person.id}
              people={people.filter((p) => p.id !== person.id)}
            />
          </Card>
        ) : null}
        {mayWrite && person.isActive ? (
          <Card title="Left the company?">
            <p className="mb-3 text-sm text-slate-600">
              Marking {person.name} as left keeps the record, shows every signer they own as orphaned at once, re-checks
              those signers&apos; findings and disables their Signet sign-in. Hand the signers over above, before or
              after.
            </p>
            <DeactivatePersonForm
              action={deactivatePersonAction}
              personId={person.id}
              name={person.name}
              signerCount={live.length}
            />
          </Card>
        ) : null}
        {mayWrite && !person.isActive ? (
          <Card title="Back at the company?">
            <p className="mb-3 text-sm text-slate-600">
              Marking {person.name} as back ends the orphaned state their leaving caused. Their Signet sign-in stays
              disabled until an administrator re-enables it.
            </p>
            <ReactivatePersonForm action={reactivatePersonAction} personId={person.id} name={person.name} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
