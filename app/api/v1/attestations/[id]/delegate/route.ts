import { route } from "@/lib/api/handler";
import { AppError } from "@/lib/api/errors";
import { getConfig } from "@/lib/config";
import { can } from "@/lib/domain/authz";
import { delegateAttestation, delegateInput } from "@/lib/services/delegate-attestation";

// Pass one of your tasks to a colleague (the security team may move any task).
export const POST = route(
  { permission: "attestations:answer", body: delegateInput },
  async ({ db, user, actor, params, body, ip }) => {
    if (!user) throw new AppError("forbidden", "Attestations are delegated by people, not API tokens");
    return delegateAttestation(
      db,
      { attestationId: params.id, toEmail: body.toEmail, reason: body.reason },
      { userId: user.id, personId: user.personId, actor, ip, isSecurityTeam: can(user.role, "campaigns:manage") },
      { now: new Date(), baseUrl: getConfig().baseUrl },
    );
  },
);
