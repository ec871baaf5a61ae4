import { route } from "@/lib/api/handler";
import { AppError } from "@/lib/api/errors";
import { attestationAnswerSchema } from "@/lib/domain/attestation";
import { answerAttestation } from "@/lib/services/answer-attestation";

// Answer (or correct the answer to) one of your own attestation tasks.
export const POST = route(
  { permission: "attestations:answer", body: attestationAnswerSchema },
  async ({ db, user, actor, params, body, ip }) => {
    if (!user) throw new AppError("forbidden", "Attestations are answered by people, not API tokens");
    return answerAttestation(
      db,
      { attestationId: params.id, answer: body },
      { userId: user.id, personId: user.personId, actor, ip },
      { now: new Date() },
    );
  },
);
