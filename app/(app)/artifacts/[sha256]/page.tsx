import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { findArtifactBySha256 } from "@/lib/db/artifacts/lookup";
import { Card, PageHeader } from "@/components/ui/card";
import { DateText } from "@/components/ui/date-text";

export const metadata = { title: "Who signed this?" };

export default async function ArtifactPage({ params }: { params: Promise<{ sha256: string }> }) {
  // refuses owners too: an artifact names signers across the whole inventory (PAGE_ACCESS)
  await requirePageUser("/artifacts/[sha256]");
  const sha256 = (await params).sha256.toLowerCase();
  const artifact = /^[0-9a-f]{64}$/.test(sha256) ? await findArtifactBySha256(getDb(), sha256) : null;
  if (!artifact) notFound();
  return (
    <>
      <PageHeader
        title={`Who signed ${artifact.name}?`}
        description={`SHA-256 ${artifact.sha256} · ${artifact.size} bytes · ${artifact.format ?? "unknown format"} · ${artifact.outcome}${artifact.note ? ` (${artifact.note})` : ""}`}
      />
      <div className="space-y-4">
        {artifact.signatures.length === 0 ? (
          <Card title="Signatures">No signature was found in this artifact.</Card>
        ) : null}
        {artifact.signatures.map((s) => (
          <Card key={s.location} title={`${s.location} (${s.format})`}>
            <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm md:grid-cols-[12rem_1fr]">
              <dt className="font-medium">Signer</dt>
              <dd data-testid="artifact-signer">
                {s.signers.length ? (
                  s.signers.map((x) => (
                    <Link key={x.id} href={`/signers/${x.id}`} className="mr-2">
                      {x.name}
                    </Link>
                  ))
                ) : s.discovery?.state === "known-external" ? (
                  "known-external"
                ) : (
                  <>
                    no registered signer (<Link href="/discovery">discovery queue</Link>)
                  </>
                )}
              </dd>
              <dt className="font-medium">Certificate</dt>
              <dd className="break-all">
                {s.certificate ? (
                  <Link href={`/certificates/${s.certificate.id}`}>
                    {s.certificate.subject || s.certificate.sha256}
                  </Link>
                ) : (
                  "not identified"
                )}
                {s.certificate ? (
                  <>
                    {" "}
                    — valid until <DateText date={s.certificate.notAfter} />, revocation{" "}
                    {s.certificate.revocationStatus}
                  </>
                ) : null}
              </dd>
              {s.keyless ? (
                <>
                  <dt className="font-medium">Keyless identity</dt>
                  <dd className="break-all">
                    {s.keyless.subject} (issuer {s.keyless.issuer}
                    {s.keyless.logIndex ? `, log index ${s.keyless.logIndex}` : ""})
                  </dd>
                </>
              ) : null}
              <dt className="font-medium">Signing time</dt>
              <dd>
                {s.timestamp ? (
                  <>
                    <DateText date={s.timestamp.at} /> ({s.timestamp.kind}
                    {s.timestamp.authority ? `, ${s.timestamp.authority}` : ""},{" "}
                    {s.timestamp.isVerified ? "verified" : "not verified"})
                  </>
                ) : s.claimedSigningAt ? (
                  <>
                    <DateText date={s.claimedSigningAt} /> (claimed by the signature, no timestamp)
                  </>
                ) : (
                  "unknown (no timestamp)"
                )}
              </dd>
              <dt className="font-medium">Verification</dt>
              <dd>
                {s.verification.status}
                {s.verification.reason ? `: ${s.verification.reason}` : ""}
              </dd>
            </dl>
          </Card>
        ))}
        <Card title="Signing events reported by pipelines">
          {artifact.signingEvents.length === 0 ? (
            <p className="text-sm">No pipeline reported signing this digest.</p>
          ) : (
            <ul className="text-sm">
              {artifact.signingEvents.map((e) => (
                <li key={e.id}>
                  <Link href={`/signers/${e.signerId}`}>{e.signerName}</Link> signed {e.artifactName} on{" "}
                  <DateText date={e.signedAt} />
                  {e.environment ? ` for ${e.environment}` : ""}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
