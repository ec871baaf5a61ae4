import { route } from "@/lib/api/handler";
import { attestationTask } from "@/lib/api/route-presets";
import { requirePerson } from "@/lib/api/people-access";
import { getConfig } from "@/lib/config";
import { can } from "@/lib/domain/authz";
import { delegateAttestation, delegateInput } from "@/lib/services/delegate-attestation";
import { attestationDelegated } from "@/lib/api/responses/admin";

// Pass one of your tasks to a colleague (the security team may move any task).
export const POST = route(
  attestationTask("Hand an attestation task to someone else", { 200: attestationDelegated }, delegateInput),
  async ({ db, params, body, ...request }) => {
    const { user, who } = requirePerson(request, "Attestations are delegated");
    return delegateAttestation(
      db,
      { attestationId: params.id, toEmail: body.toEmail, reason: body.reason },
      { ...who, isSecurityTeam: can(user.role, "campaigns:manage") },
      { now: new Date(), baseUrl: getConfig().baseUrl },
    );
  },
);
