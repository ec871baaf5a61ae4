import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { listTasksFor } from "@/lib/db/attestations/attestations";
import { taskState } from "@/lib/domain/attestation";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { TaskList } from "@/components/attestation/bulk-attest";

export const metadata = { title: "My attestation tasks" };

const day = (d: Date) => d.toISOString().slice(0, 10);

export default async function TasksPage({
  searchParams,
}: {
  searchParams: Promise<{ answered?: string; delegated?: string; from?: string }>;
}) {
  const user = await requirePageUser("attestations:answer");
  const params = await searchParams;
  const tasks = user.personId ? await listTasksFor(getDb(), { assigneeId: user.personId }) : [];
  const now = new Date();
  const notice = params.answered
    ? `Thank you: your attestation of ${params.answered} is recorded.`
    : params.delegated
      ? `Task delegated to ${params.delegated}; they have been emailed.`
      : params.from === "link"
        ? "Signed in from your email link. These are your attestation tasks."
        : null;
  return (
    <>
      <PageHeader
        title="My attestation tasks"
        description="For each signer you own: is it still needed, which privileges should it keep, and is its key held as recorded? Answers are final; you can submit a correction, which keeps the original on record."
      />
      {notice ? (
        <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {notice}
        </p>
      ) : null}
      {!user.personId ? (
        <EmptyState title="You are not linked to a person in the inventory">
          Attestation tasks go to signer owners, matched by email. Ask an administrator to check your email address.
        </EmptyState>
      ) : tasks.length === 0 ? (
        <EmptyState title="No attestation tasks">
          When the security team starts a campaign that covers your signers, your tasks appear here and you get an
          email.
        </EmptyState>
      ) : (
        <TaskList
          tasks={tasks.map((t) => ({
            id: t.id,
            signerName: t.signer.name,
            campaignName: t.campaign.name,
            due: day(t.campaign.dueAt),
            state: taskState({ status: t.status, dueAt: t.campaign.dueAt }, now),
            answeredAt: t.submittedAt ? day(t.submittedAt) : null,
          }))}
        />
      )}
    </>
  );
}
