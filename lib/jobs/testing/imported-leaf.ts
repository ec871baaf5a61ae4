import type { Db } from "@/lib/db/client";
import { createPerson } from "@/lib/db/people/people";
import { createSigner } from "@/lib/db/signers/signers";
import { importCertificates, type ImportCertificatesOptions } from "@/lib/services/import-certificates";
import { createCodeSigningLeaf, createTestCas } from "@/lib/x509/testing/test-ca";

const DAY = 86_400_000;

/**
 * One code-signing certificate, issued by a test CA and imported through the service for a signer
 * with an owner: the jobs tests' subject that time alone moves (it expires `expiresInDays` after `now`).
 */
export async function importSignerLeaf(
  db: Db,
  options: { now: Date; expiresInDays: number; name: string; isEvaluating?: ImportCertificatesOptions["isEvaluating"] },
): Promise<{ certificateId: string }> {
  const { now, name } = options;
  const at = (days: number) => new Date(now.getTime() + days * DAY);
  const { intermediate: ca } = await createTestCas({ notBefore: at(-400) });
  const leaf = await createCodeSigningLeaf(ca, {
    subject: `CN=${name},O=Acme,C=US`,
    notBefore: at(-300),
    notAfter: at(options.expiresInDays),
  });
  const owner = await createPerson(db, {
    name: `${name} Owner`,
    email: `${name.toLowerCase().replaceAll(" ", "-")}@acme.example`,
  });
  const signer = await createSigner(db, {
    name: `${name.toLowerCase().replaceAll(" ", "-")}-bot`,
    kind: "ci-pipeline",
    primaryOwnerId: owner.id,
    credentialType: "oidc",
  });
  const imported = await importCertificates(
    db,
    {
      files: [{ name: "leaf.pem", bytes: new TextEncoder().encode(leaf.pem) }],
      signerId: signer.id,
      actor: { type: "system", label: "test" },
      source: "cli",
    },
    { now, isEvaluating: options.isEvaluating },
  );
  const sha256 = imported.files[0].certificates[0].sha256;
  return { certificateId: (await db.certificate.findUniqueOrThrow({ where: { sha256 } })).id };
}
