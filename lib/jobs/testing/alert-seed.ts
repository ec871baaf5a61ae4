import { createHash, randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { refreshLineage } from "@/lib/db/certificates/lineage";

// Minimal inventory for alert tests and the benchmark: people, teams, signers and certificates
// with fake DER bytes (alerts never parse them).

export type SeedPerson = { name: string; email: string; isActive?: boolean };

export async function seedPerson(db: Db, p: SeedPerson) {
  return db.person.create({ data: { name: p.name, email: p.email, isActive: p.isActive ?? true } });
}

export async function seedSigner(
  db: Db,
  options: {
    name: string;
    primaryOwnerId?: string | null;
    backupOwnerId?: string | null;
    team?: { name: string; email: string | null } | null;
    status?: string;
    credentialType?: string;
    credentialExpiresAt?: Date | null;
  },
) {
  const team = options.team
    ? await db.team.create({ data: { name: options.team.name, email: options.team.email } })
    : null;
  return db.signer.create({
    data: {
      name: options.name,
      kind: "ci-pipeline",
      status: options.status ?? "active",
      primaryOwnerId: options.primaryOwnerId ?? null,
      backupOwnerId: options.backupOwnerId ?? null,
      teamId: team?.id ?? null,
      credentialType: options.credentialType ?? "none",
      ...(options.credentialExpiresAt
        ? {
            credentials: {
              create: {
                kind: "signing-service",
                name: "Pipeline credential",
                expiresAt: options.credentialExpiresAt,
                isPipeline: true,
              },
            },
          }
        : {}),
    },
  });
}

export function fakeCertificateData(options: {
  id?: string;
  cn: string;
  notBefore: Date;
  notAfter: Date;
  keyId: string;
  isCA?: boolean;
  revocationStatus?: string;
}) {
  const der = Buffer.from(`fake-der:${options.cn}:${randomUUID()}`);
  return {
    id: options.id ?? randomUUID(),
    sha256: createHash("sha256").update(der).digest("hex"),
    sha1: createHash("sha1").update(der).digest("hex"),
    der: new Uint8Array(der),
    subject: `CN=${options.cn}`,
    subjectCn: options.cn,
    issuer: "CN=Test Issuing CA",
    issuerCn: "Test Issuing CA",
    serialHex: createHash("md5").update(der).digest("hex").slice(0, 16),
    notBefore: options.notBefore,
    notAfter: options.notAfter,
    keyAlgorithm: "EC",
    curve: "P-256",
    signatureAlgorithm: "ecdsa-with-SHA256",
    isCA: options.isCA ?? false,
    revocationStatus: options.revocationStatus ?? "good",
    keyId: options.keyId,
  };
}

export async function seedCertificate(
  db: Db,
  options: {
    signerIds: string[];
    cn: string;
    notAfter: Date;
    notBefore?: Date;
    isCA?: boolean;
    revocationStatus?: string;
  },
) {
  const key = await db.signingKey.create({
    data: { spkiSha256: createHash("sha256").update(randomUUID()).digest("hex"), algorithm: "EC", curve: "P-256" },
  });
  const notBefore = options.notBefore ?? new Date(options.notAfter.getTime() - 365 * 86_400_000);
  const cert = await db.certificate.create({ data: fakeCertificateData({ ...options, notBefore, keyId: key.id }) });
  for (const signerId of options.signerIds)
    await db.signerCertificate.create({ data: { signerId, certificateId: cert.id } });
  // what the store path does on every write
  await refreshLineage(db, { certificateIds: [cert.id] });
  return cert;
}

/** Empties everything alert tests create, children first. */
export async function resetAlertData(db: Db) {
  await db.alertDelivery.deleteMany();
  await db.outboxMessage.deleteMany();
  await db.alertMute.deleteMany();
  await db.signerCertificate.deleteMany();
  await db.certificate.deleteMany();
  await db.signingKey.deleteMany();
  await db.alertPolicy.deleteMany();
  await db.apiToken.deleteMany();
  await db.signer.deleteMany();
  await db.person.deleteMany();
  await db.team.deleteMany();
  await db.auditEvent.deleteMany();
  await db.jobRun.deleteMany();
  await db.jobLease.deleteMany();
}

/** A transport that records instead of sending (for long simulations; real SMTP is tested elsewhere). */
export function recordingTransport() {
  const sent: { to: string; subject: string; text: string; messageId?: string }[] = [];
  return {
    sent,
    async send(mail: { to: string; subject: string; text: string; html: string; messageId?: string }) {
      sent.push({ to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId });
      return { smtpMessageId: mail.messageId ?? null };
    },
    close() {},
  };
}
