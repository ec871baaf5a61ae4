"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "@/lib/domain/zod";
import { action } from "@/lib/api/action";
import { declareIncidentSchema, waiveTaskSchema } from "@/lib/domain/incidents";
import { acknowledgeIncident } from "@/lib/services/acknowledge-incident";
import { declareIncident } from "@/lib/services/declare-incident";
import { endDrill } from "@/lib/services/end-drill";
import { settleIncidentTask } from "@/lib/services/settle-incident-task";

/** "Declare compromised" (or start a drill): opens the incident and shows its page. */
export const declareIncidentAction = action(
  { name: "declareIncident", permission: "incidents:manage", input: declareIncidentSchema },
  async ({ db, input, actor, now }) => {
    const { id } = await declareIncident(db, input, { actor, now });
    revalidatePath("/incidents");
    redirect(`/incidents/${id}`);
  },
);

export const waiveTaskAction = action(
  { name: "waiveIncidentTask", permission: "incidents:manage", input: waiveTaskSchema },
  async ({ db, input, actor, now }) => {
    const { incidentId } = await settleIncidentTask(db, { ...input, outcome: "waived" }, { actor, now });
    revalidatePath(`/incidents/${incidentId}`);
    return { message: "Task waived." };
  },
);

/** In a drill, the people who rehearsed a channel's recovery confirm it (nothing real is re-signed). */
export const confirmDrillTaskAction = action(
  { name: "confirmDrillTask", permission: "incidents:manage", input: z.object({ id: z.string().min(1) }) },
  async ({ db, input, actor, now }) => {
    const { incidentId } = await settleIncidentTask(db, { taskId: input.id, outcome: "done" }, { actor, now });
    revalidatePath(`/incidents/${incidentId}`);
    return { message: "Step confirmed." };
  },
);

/** An owner (or the security team member) told about the incident answers it. */
export const acknowledgeIncidentAction = action(
  { name: "acknowledgeIncident", permission: "incidents:read", input: z.object({ id: z.string().min(1) }) },
  async ({ db, input, actor, user, now }) => {
    await acknowledgeIncident(db, { incidentId: input.id, personId: user.personId }, { actor, now });
    revalidatePath(`/incidents/${input.id}`);
    return { message: "Acknowledged." };
  },
);

export const endDrillAction = action(
  { name: "endDrill", permission: "incidents:manage", input: z.object({ id: z.string().min(1) }) },
  async ({ db, input, actor, now }) => {
    await endDrill(db, { incidentId: input.id }, { actor, now });
    revalidatePath(`/incidents/${input.id}`);
    return { message: "Drill ended; its report is below." };
  },
);
