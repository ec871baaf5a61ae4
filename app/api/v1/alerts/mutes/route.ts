import { DATE_RANGE_MESSAGE, isSaneDate } from "@/lib/domain/date-bounds";
import { z } from "@/lib/domain/zod";
import { route } from "@/lib/api/handler";
import { listActiveMutes } from "@/lib/db/alerts/alerts";
import type { ScopeUser } from "@/lib/db/scope";
import { liftCertificateAlertMute, muteCertificateAlerts } from "@/lib/services/mute-certificate-alerts";
import { muteList, muteOne } from "@/lib/api/responses/admin";

// these routes take no API tokens, so a user is always present; the fallback sees nothing
const scopeOf = (user: ScopeUser | null): ScopeUser => user ?? { role: "owner", personId: null };

const listQuery = z.object({ certificateId: z.string().min(1).optional() });

// Active mutes (owners: on their own certificates).
export const GET = route(
  {
    summary: "Active alert mutes (owners: on their own certificates)",
    responses: { 200: muteList },
    permission: "alerts:mute",
    query: listQuery,
  },
  async ({ db, query, user }) => ({
    mutes: await listActiveMutes(db, { now: new Date(), user: scopeOf(user), certificateId: query.certificateId }),
  }),
);

const muteBody = z.object({
  certificateId: z.string().min(1),
  reason: z.string().trim().min(3).max(500),
  mutedUntil: z.iso
    .datetime({ offset: true })
    .refine((v) => isSaneDate(v), DATE_RANGE_MESSAGE)
    .transform((v) => new Date(v)),
});

// Mute a certificate's expiry alerts until a date, with a reason (owners: their own certificates).
export const POST = route(
  {
    summary: "Mute a certificate's expiry alerts until a date, with a reason",
    responses: { 201: muteOne },
    permission: "alerts:mute",
    body: muteBody,
  },
  async ({ db, body, actor, user }) => {
    const mute = await muteCertificateAlerts(db, body, actor, { scope: scopeOf(user) });
    return Response.json({ mute }, { status: 201 });
  },
);

const liftQuery = z.object({ muteId: z.string().min(1) });

// Lift a mute early: DELETE /api/v1/alerts/mutes?muteId=…
export const DELETE = route(
  { summary: "Lift a mute early", responses: { 200: muteOne }, permission: "alerts:mute", query: liftQuery },
  async ({ db, query, actor, user }) => {
    const mute = await liftCertificateAlertMute(db, { muteId: query.muteId }, actor, { scope: scopeOf(user) });
    return { mute };
  },
);
