import { route } from "@/lib/api/handler";
import { requirePerson } from "@/lib/api/people-access";
import { bulkAttest, bulkAttestInput } from "@/lib/services/bulk-attest";
import { attestationBulk } from "@/lib/api/responses/admin";

// Attest several of your own unchanged signers at once.
export const POST = route(
  {
    summary: "Confirm several attestation tasks at once",
    responses: { 200: attestationBulk },
    permission: "attestations:answer",
    body: bulkAttestInput,
  },
  async ({ db, body, ...request }) => {
    const { who } = requirePerson(request, "Attestations are answered");
    return bulkAttest(db, body, who, { now: new Date() });
  },
);
