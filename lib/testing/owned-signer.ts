import type { Db } from "@/lib/db/client";
import { createPerson } from "@/lib/db/people/people";
import { createSigner } from "@/lib/db/signers/signers";
import { importCertificates } from "@/lib/services/import-certificates";
import type { TestCertificate } from "@/lib/x509/testing/test-ca";

/**
 * A CI signer with a primary and a backup owner and an OIDC credential (so none of the ownership or
 * credential rules fire) holding one imported certificate, whose findings are not evaluated yet.
 */
export async function seedOwnedSignerWithCertificate(
  db: Db,
  options: { name: string; certificate: TestCertificate; createdAt: Date; now: Date },
): Promise<{ signerId: string; certificateId: string }> {
  const owner = await createPerson(db, { name: "Olu Owner", email: "olu@acme.example" });
  const backup = await createPerson(db, { name: "Bea Backup", email: "bea@acme.example" });
  const { id: signerId } = await createSigner(db, {
    name: options.name,
    kind: "ci-pipeline",
    primaryOwnerId: owner.id,
    backupOwnerId: backup.id,
    credentialType: "oidc",
    createdAt: options.createdAt,
  });
  const result = await importCertificates(
    db,
    {
      files: [{ name: `${options.name}.pem`, bytes: new TextEncoder().encode(options.certificate.pem) }],
      signerId,
      actor: { type: "system", label: "test" },
      source: "cli",
    },
    { now: options.now, isEvaluating: false },
  );
  const { sha256 } = result.files[0].certificates[0];
  const { id: certificateId } = await db.certificate.findUniqueOrThrow({ where: { sha256 } });
  return { signerId, certificateId };
}
