import { AppError, found } from "@/lib/api/errors";
import { route } from "@/lib/api/handler";
import { artifactLookup } from "@/lib/api/responses/artifacts";
import { findArtifactBySha256 } from "@/lib/db/artifacts/lookup";
import { sha256Schema } from "@/lib/domain/signer-input";

// "Who signed this?": a scanned artifact by its SHA-256 with the signer, certificate, signing time
// and verification of each signature, and the signing events pipelines reported for the digest.
// Owners are not shown it: an artifact names signers across the whole inventory.

export const GET = route(
  {
    summary: "Who signed this artifact: its signatures, signers, certificates and signing events, by SHA-256",
    responses: { 200: artifactLookup },
    permission: "inventory:read",
    tokenScopes: ["read", "gate"],
  },
  async ({ db, params, user }) => {
    if (user?.role === "owner")
      throw new AppError("forbidden", "Artifact look-ups are for analysts, auditors and administrators");
    const digest = sha256Schema.safeParse(String(params.sha256 ?? "").replace(/^sha256:/i, ""));
    if (!digest.success) throw new AppError("validation", "An artifact SHA-256: 64 hex digits");
    return found(await findArtifactBySha256(db, digest.data), "Artifact");
  },
);
