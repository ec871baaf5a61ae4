import { route } from "@/lib/api/handler";
import { AppError } from "@/lib/api/errors";
import { bulkAttest, bulkAttestInput } from "@/lib/services/bulk-attest";

// Attest several of your own unchanged signers at once.
export const POST = route(
  { permission: "attestations:answer", body: bulkAttestInput },
  async ({ db, user, actor, body, ip }) => {
    if (!user) throw new AppError("forbidden", "Attestations are answered by people, not API tokens");
    return bulkAttest(db, body, { userId: user.id, personId: user.personId, actor, ip }, { now: new Date() });
  },
);
