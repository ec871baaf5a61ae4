import { z } from "@/lib/domain/zod";
import { isoDate, isoDateOrNull, pageOf } from "./common";

// Response schemas of key-compromise incidents and drills.

const incidentRow = z
  .looseObject({
    id: z.string(),
    mode: z.enum(["compromise", "drill"]),
    status: z.enum(["open", "closed"]),
    subjectLabel: z.string(),
    suspectedAt: isoDate,
    declaredAt: isoDate,
    containedAt: isoDateOrNull,
    recoveredAt: isoDateOrNull,
    closedAt: isoDateOrNull,
  })
  .meta({ id: "IncidentRow" });

const incidentListRow = incidentRow
  .extend({
    msToContain: z.number().nullable(),
    msToRecover: z.number().nullable(),
    taskCount: z.number().int(),
    openTaskCount: z.number().int(),
  })
  .meta({ id: "IncidentListRow" });
/** The /incidents page's read model; `incidents` (the page's rows) stays for older callers. */
export const incidentPage = pageOf(incidentListRow, "IncidentPage").extend({
  incidents: z.array(incidentListRow).meta({ description: "the page's rows, for older callers" }),
});

export const incidentDeclared = z
  .looseObject({ id: z.string(), mode: z.string(), signers: z.number().int(), suspended: z.number().int() })
  .meta({ id: "IncidentDeclared" });

export const incidentDetail = incidentRow
  .extend({
    msToContain: z.number().nullable(),
    msToRecover: z.number().nullable(),
    steps: z.array(z.looseObject({ at: isoDate, kind: z.string(), actorLabel: z.string(), summary: z.string() })),
    tasks: z.array(
      z.looseObject({ id: z.string(), environment: z.string(), artifactType: z.string(), status: z.string() }),
    ),
    notices: z.array(z.looseObject({ recipientEmail: z.string(), role: z.string(), acknowledgedAt: isoDateOrNull })),
    revocations: z.array(z.looseObject({ id: z.string(), certificateId: z.string(), deadlineAt: isoDate })),
  })
  .meta({ id: "IncidentDetail" });

export const incidentReport = z
  .looseObject({
    incidentId: z.string(),
    mode: z.string(),
    blastRadius: z.looseObject({ signers: z.array(z.string()) }),
    slowOrBlocked: z.array(z.looseObject({ step: z.string(), state: z.string() })),
    ownersWithoutResponse: z.array(z.looseObject({ email: z.string(), role: z.string() })),
  })
  .meta({ id: "IncidentReport" });
