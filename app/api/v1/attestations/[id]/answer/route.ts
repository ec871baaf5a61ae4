import { route } from "@/lib/api/handler";
import { attestationTask } from "@/lib/api/route-presets";
import { requirePerson } from "@/lib/api/people-access";
import { attestationAnswerSchema } from "@/lib/domain/attestation";
import { answerAttestation } from "@/lib/services/answer-attestation";
import { attestationAnswered } from "@/lib/api/responses/admin";

// Answer (or correct the answer to) one of your own attestation tasks.
export const POST = route(
  attestationTask("Answer an attestation task", { 200: attestationAnswered }, attestationAnswerSchema),
  async ({ db, params, body, ...request }) => {
    const { who } = requirePerson(request, "Attestations are answered");
    return answerAttestation(db, { attestationId: params.id, answer: body }, who, { now: new Date() });
  },
);
