// Inputs and outputs of alert planning: plain data, loaded by lib/db/alerts.ts.

export type AlertPerson = { id: string; name: string; email: string; isActive: boolean };

export type AlertSigner = {
  id: string;
  name: string;
  /** active | suspended | decommissioned */
  status: string;
  primaryOwner: AlertPerson | null;
  backupOwner: AlertPerson | null;
  team: { id: string; name: string; email: string | null } | null;
  credentialType: string;
};

/** One of a signer's credentials (lib/domain/signer-credentials.ts) with an expiry. */
export type AlertCredential = {
  id: string;
  kind: string;
  name: string;
  location: string | null;
  expiresAt: Date;
  /** the one the pipeline reaches the signing service with (the signer's credentialType) */
  isPipeline: boolean;
  signer: AlertSigner;
};

export type AlertCertificate = {
  id: string;
  subjectCn: string | null;
  subject: string;
  serialHex: string;
  notAfter: Date;
  isCA: boolean;
  /** good | revoked | unknown | unchecked */
  revocationStatus: string;
  mutes: { mutedUntil: Date; liftedAt: Date | null }[];
  /** the signers using the certificate; isSuperseded: that signer has a newer certificate */
  signers: { signer: AlertSigner; isSuperseded: boolean }[];
};

/** One of Signet's own API tokens (a pipeline's credential) with an expiry, not revoked. */
export type AlertApiToken = {
  id: string;
  name: string;
  /** the first characters, as the tokens page shows them */
  prefix: string;
  expiresAt: Date;
  /** the user who created it; isActive false once that user is disabled */
  creator: { name: string; email: string; isActive: boolean } | null;
  /** the signer a signing-events token is bound to */
  signer: AlertSigner | null;
};

export type AlertKind = "cert-expiry" | "credential-expiry" | "token-expiry";
export type AlertSubjectType = "certificate" | "signer-credential" | "api-token";
export type RecipientRole = "primary-owner" | "backup-owner" | "team" | "token-creator" | "security-team";

export type DigestItem = {
  kind: AlertKind;
  subjectType: AlertSubjectType;
  /** certificate id, credential id or API token id */
  subjectId: string;
  band: string;
  bandDays: number;
  isExpired: boolean;
  expiresAt: Date;
  /** certificate: its common name (or subject); credential: the signer's name */
  title: string;
  certificate: { id: string; serialHex: string; isCA: boolean } | null;
  credentialType: string | null;
  /** a signer credential's alert: which credential */
  credential?: { id: string; kind: string; name: string; location: string | null } | null;
  /** an API token's alert: which token */
  token?: { id: string; prefix: string } | null;
  signers: { id: string; name: string }[];
  /** why this recipient gets the alert */
  roles: RecipientRole[];
};

export type PlannedDelivery = {
  dedupeKey: string;
  kind: AlertKind;
  recipientEmail: string;
  /** the person's name when the address is a person's (owners), else null */
  recipientName: string | null;
  subjectType: AlertSubjectType;
  subjectId: string;
  band: string;
  item: DigestItem;
};

export type Digest = {
  recipientEmail: string;
  /** the person's name when the recipient is one person */
  recipientName: string | null;
  /** most urgent first */
  items: DigestItem[];
};

export type AlertPlan = { deliveries: PlannedDelivery[]; digests: Digest[] };
