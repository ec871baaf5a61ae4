import { route } from "@/lib/api/handler";
import { listTasksFor } from "@/lib/db/attestations/attestations";
import { taskList } from "@/lib/api/responses/admin";

// The signed-in person's own attestation tasks (never anyone else's).
export const GET = route(
  {
    summary: "The signed-in person's attestation tasks",
    responses: { 200: taskList },
    permission: "attestations:answer",
  },
  async ({ db, user }) => {
    if (!user?.personId) return { tasks: [] };
    const tasks = await listTasksFor(db, { assigneeId: user.personId });
    return {
      tasks: tasks.map((t) => ({
        id: t.id,
        status: t.status,
        submittedAt: t.submittedAt,
        campaign: { id: t.campaign.id, name: t.campaign.name, dueAt: t.campaign.dueAt },
        signer: { id: t.signer.id, name: t.signer.name },
      })),
    };
  },
);
