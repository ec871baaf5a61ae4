import { certificateName } from "@/lib/domain/certificate-name";
import { notFound } from "next/navigation";
import { headers } from "next/headers";
import { refusePage, requirePageUser } from "@/lib/auth/guard";
import { userActor } from "@/lib/auth/session";
import { AppError } from "@/lib/api/errors";
import { getDb } from "@/lib/db/client";
import { latestAnswer, loadTaskSignerDetail } from "@/lib/db/attestations/attestations";
import { taskState } from "@/lib/domain/attestation";
import { loadOwnTask } from "@/lib/services/answer-attestation";
import { Badge, SeverityBadge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { RowsTable } from "@/components/ui/table";
import { AnswerForm } from "@/components/attestation/answer-form";
import { DelegateForm } from "@/components/attestation/delegate-form";
import { forwardedClientIp } from "@/lib/http/client-ip";

export const metadata = { title: "Attest a signer" };

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "never");

export default async function TaskPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("/tasks/[id]");
  const { id } = await params;
  const db = getDb();
  const now = new Date();
  let task;
  try {
    const ip = forwardedClientIp(await headers());
    // refuses and audits a task that is not the signed-in person's
    task = await loadOwnTask(
      db,
      id,
      { userId: user.id, personId: user.personId, actor: userActor(user), ip },
      { now, action: "view" },
    );
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    if (error instanceof AppError && (error.code === "forbidden" || error.code === "conflict"))
      // not this person's task, or its campaign is closed: the 403 page says which (PAGE_ACCESS)
      refusePage("/tasks/[id]");
    throw error;
  }
  const s = task.signer;
  const [detail, previous] = await Promise.all([loadTaskSignerDetail(db, s.id), latestAnswer(db, task.id)]);
  const state = taskState({ status: task.status, dueAt: task.campaign.dueAt }, now);
  const environments = (JSON.parse(s.environmentsJson) as string[]).join(", ") || "—";
  return (
    <>
      <PageHeader
        title={`Attest ${s.name}`}
        description={
          <>
            {task.campaign.name} · due {day(task.campaign.dueAt)} ·{" "}
            <Badge tone={state === "done" ? "green" : state === "overdue" ? "red" : "amber"}>{state}</Badge>
          </>
        }
      />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-5">
        <div className="space-y-6 xl:col-span-3">
          <Card title="What it is">
            <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm">
              <dt className="text-slate-500">Kind / platform</dt>
              <dd>
                {s.kind} on {s.platform}
              </dd>
              <dt className="text-slate-500">Status</dt>
              <dd>{s.status}</dd>
              <dt className="text-slate-500">Team</dt>
              <dd>{s.team?.name ?? "—"}</dd>
              <dt className="text-slate-500">Environments</dt>
              <dd>{environments}</dd>
              <dt className="text-slate-500">Owners</dt>
              <dd>
                {s.primaryOwner?.name ?? "none"} (primary), {s.backupOwner?.name ?? "none"} (backup)
              </dd>
              <dt className="text-slate-500">Last signed</dt>
              <dd>{day(s.lastUsedAt)}</dd>
              {s.description ? (
                <>
                  <dt className="text-slate-500">Description</dt>
                  <dd>{s.description}</dd>
                </>
              ) : null}
            </dl>
          </Card>
          <RowsTable
            caption="Certificates"
            columns={[
              {
                label: "Certificate",
                className: "whitespace-normal break-all",
                render: (c) => (
                  <>
                    {certificateName(c)}
                    <div className="text-xs text-slate-500">serial {c.serialHex}</div>
                  </>
                ),
              },
              {
                label: "Expires",
                // red on an element of its own: a class on the cell loses to the cell's own text colour
                render: (c) => (
                  <>
                    {day(c.notAfter)}
                    {c.notAfter < now ? <span className="text-red-700"> (expired)</span> : null}
                  </>
                ),
              },
              { label: "Revocation", render: (c) => c.revocationStatus },
              {
                label: "Key custody",
                className: "whitespace-normal",
                render: (c) => (
                  <>
                    {c.key.custody}
                    {c.key.custodyEvidence ? (
                      <div className="text-xs text-slate-500">{c.key.custodyEvidence}</div>
                    ) : null}
                  </>
                ),
              },
            ]}
            rows={detail.certificates}
            empty="No certificates recorded"
          />
          <RowsTable
            caption="Privileges"
            columns={[
              { label: "Grant", render: (g) => <code>{g.scope}</code> },
              { label: "Environment", render: (g) => g.environment },
              { label: "Granted", render: (g) => day(g.grantedAt) },
              { label: "Last used", render: (g) => day(g.lastExercisedAt) },
            ]}
            rows={detail.privileges}
            empty="No standing grants"
          />
          <Card title={`Open findings (${detail.findings.length})`}>
            {detail.findings.length === 0 ? (
              <p className="text-sm text-slate-600">None.</p>
            ) : (
              <ul className="space-y-2 text-sm">
                {detail.findings.map((f) => (
                  <li key={f.id}>
                    <SeverityBadge severity={f.severity} /> <span className="text-slate-800">{f.message}</span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
        <div className="space-y-6 xl:col-span-2">
          {previous ? (
            <Card title="Your answer on record">
              <p className="text-sm text-slate-700">
                {previous.isStillNeeded ? "Still needed" : "No longer needed (decommission requested)"} ·{" "}
                {day(previous.createdAt)}
                {previous.comment ? <> · “{previous.comment}”</> : null}
              </p>
              <p className="mt-1 text-xs text-slate-500">
                Answers are kept as submitted. A correction below is recorded as a new answer that supersedes this one.
              </p>
            </Card>
          ) : null}
          <Card title={previous ? "Submit a correction" : "Your answer"}>
            <AnswerForm
              taskId={task.id}
              signerName={s.name}
              isCorrection={!!previous}
              grants={detail.privileges.map((g) => ({
                id: g.id,
                scope: g.scope,
                environment: g.environment,
                lastUsed: day(g.lastExercisedAt),
              }))}
              keys={detail.keys.map((k) => ({
                id: k.id,
                label: `${k.algorithm}${k.bits ? ` ${k.bits}` : k.curve ? ` ${k.curve}` : ""} ${k.spkiSha256.slice(0, 12)}…`,
                custody: k.custody,
              }))}
            />
          </Card>
          {task.status === "pending" ? (
            <Card title="Not yours to answer?">
              <p className="mb-3 text-sm text-slate-600">
                Delegate the task to a colleague who knows this signer. They get an email; the task leaves your list.
              </p>
              <DelegateForm taskId={task.id} />
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
