import { route } from "@/lib/api/handler";
import { requirePerson } from "@/lib/api/people-access";
import { attestationAnswerSchema } from "@/lib/domain/attestation";
import { answerAttestation } from "@/lib/services/answer-attestation";
import { attestationAnswered } from "@/lib/api/responses/admin";

// Answer (or correct the answer to) one of your own attestation tasks.
export const POST = route(
  {
    summary: "Answer an attestation task",
    responses: { 200: attestationAnswered },
    permission: "attestations:answer",
    body: attestationAnswerSchema,
  },
  async ({ db, params, body, ...request }) => {
    const { who } = requirePerson(request, "Attestations are answered");
    return answerAttestation(db, { attestationId: params.id, answer: body }, who, { now: new Date() });
  },
);
