// The demo's signers: ordinary, mostly healthy pipelines plus the situations a governance team
// has to find. They are data (signers.json), read here with a schema, so that a mistake names the
// signer and the field; each says which findings it is there to show (`shows`, which
// lib/services/load-demo-data.int.test.ts holds it to). The builders below turn what a signer
// states into the model: its keys, its certificates with their renewed predecessors, its defaults.
import { z } from "@/lib/domain/zod";
import type { KeySpec } from "@/lib/x509/testing/test-ca";
import {
  activitySchema,
  certificateProfileSchema,
  custodySchema,
  issuerSchema,
  keySpecSchema,
  revocationSchema,
  signerFieldsSchema,
  type Custody,
  type DemoCertificate,
  type DemoKey,
  type DemoSigner,
} from "./model";
import { DEMO_PEOPLE, DEMO_TEAMS } from "./people";
import { readDemoData } from "./read-demo-data";
import data from "./signers.json";

const days = z.number().int();

/** Custody evidence by name: a signer's key names its evidence (`"evidence": "luna"`). */
const EVIDENCE: Record<string, string> = data.evidence;
const evidenceName = z.enum(Object.keys(EVIDENCE));

function key(
  name: string,
  spec: KeySpec,
  custody: Custody,
  custodyEvidence?: string,
  createdDaysAgo?: number,
): DemoKey {
  return { name, spec, custody, custodyEvidence, createdDaysAgo };
}

/** Keys that more than one certificate names (`"key": "release-bot-shared"`). */
const SHARED_KEYS = new Map(
  readDemoData(
    "signers.json",
    "key",
    Object.entries(data.keys).map(([name, k]) => ({ name, ...k })),
    z.strictObject({
      name: z.string(),
      spec: keySpecSchema,
      custody: custodySchema,
      evidence: evidenceName.optional(),
    }),
  ).map((k) => [k.name, key(k.name, k.spec, k.custody, k.evidence && EVIDENCE[k.evidence])]),
);

/** The certificate in use: `validDays` long (default 365) with `daysLeft` to go (negative: expired). */
const currentSchema = z.strictObject({
  daysLeft: days,
  validDays: days.positive().optional(),
  /** default: r1 for RSA keys, e1 for the others */
  issuer: issuerSchema.optional(),
  profile: certificateProfileSchema.optional(),
  revocation: revocationSchema.optional(),
});
type CurrentOptions = z.infer<typeof currentSchema>;

/** A signer's own key (named after the signer) and the certificate in use on it. */
const ownCertificateSchema = currentSchema.extend({
  spec: keySpecSchema,
  custody: custodySchema,
  evidence: evidenceName.optional(),
  keyCreatedDaysAgo: days.optional(),
  /** how many renewed predecessors (see `history`) come before it */
  history: days.nonnegative().optional(),
});
type OwnCertificate = z.infer<typeof ownCertificateSchema>;

const personKey = z.enum(DEMO_PEOPLE.map((p) => p.key)).nullable();

/** What a signer states; the rest is `signer`'s defaults. */
const signerSpecSchema = signerFieldsSchema
  .partial({ kind: true, platform: true, environments: true, credential: true, createdDaysAgo: true })
  .extend({
    team: z.enum(DEMO_TEAMS.map((t) => t.key)),
    primary: personKey,
    backup: personKey,
    activity: activitySchema.nullable().optional(),
    /** the signer's own key */
    current: ownCertificateSchema.optional(),
    /** anything else: a certificate on a shared key, the firmware CA certificate itself, none */
    certificates: z
      .array(z.union([z.literal("firmware-ca"), currentSchema.extend({ key: z.enum([...SHARED_KEYS.keys()]) })]))
      .optional(),
  })
  .refine((s) => (s.current === undefined) !== (s.certificates === undefined), {
    message: "states exactly one of `current` (its own key) and `certificates`",
  })
  .refine((s) => !(s.hasNoFindings && s.shows?.length), { message: "`hasNoFindings` and `shows` contradict" });
type SignerSpec = z.infer<typeof signerSpecSchema>;

/** The certificate in use on `k`. */
function current(k: DemoKey, { daysLeft, validDays = 365, issuer, ...rest }: CurrentOptions): DemoCertificate {
  return {
    key: k,
    issuer: issuer ?? (k.spec.startsWith("RSA") ? "r1" : "e1"),
    notBeforeDaysAgo: validDays - daysLeft,
    validDays,
    ...rest,
  };
}

/**
 * `count` predecessors of `cert`, each renewed with a fresh key (rotation done right) and
 * overlapping its successor by 10 days, oldest first.
 */
function history(signerName: string, cert: DemoCertificate, count: number): DemoCertificate[] {
  const out: DemoCertificate[] = [];
  let next = cert;
  for (let i = 1; i <= count; i++) {
    const prev: DemoCertificate = {
      key: key(`${signerName}#${i}`, "P-256", cert.key.custody, cert.key.custodyEvidence),
      issuer: cert.issuer === "self" ? "e1" : cert.issuer,
      notBeforeDaysAgo: next.notBeforeDaysAgo + 355,
      validDays: 365,
    };
    out.unshift(prev);
    next = prev;
  }
  return out;
}

function onSharedKey({ key: name, ...options }: CurrentOptions & { key: string }): DemoCertificate {
  return current(SHARED_KEYS.get(name)!, options);
}

function ownCertificates(
  signerName: string,
  { spec, custody, evidence, keyCreatedDaysAgo, history: count = 0, ...options }: OwnCertificate,
): DemoCertificate[] {
  const cert = current(key(signerName, spec, custody, evidence && EVIDENCE[evidence], keyCreatedDaysAgo), options);
  return [...history(signerName, cert, count), cert];
}

/**
 * A GitHub Actions CI pipeline signing for production with an OIDC credential, created 800 days
 * ago and signing every 4 days, unless the spec says otherwise.
 */
function signer({
  current: own,
  certificates = [],
  kind = "ci-pipeline",
  platform = "github-actions",
  environments = ["production"],
  credential = { type: "oidc" },
  createdDaysAgo = 800,
  activity = { everyDays: 4 },
  ...s
}: SignerSpec): DemoSigner {
  return {
    ...s,
    kind,
    platform,
    environments,
    credential,
    createdDaysAgo,
    activity: activity && { ...activity, environments },
    certificates: own
      ? ownCertificates(s.name, own)
      : certificates.map((c) => (c === "firmware-ca" ? c : onSharedKey(c))),
  };
}

/** A pipeline in order: created with its oldest certificate, signing every 3 days. */
function ordinary(spec: SignerSpec): DemoSigner {
  return signer({ createdDaysAgo: 365 * ((spec.current?.history ?? 0) + 1), activity: { everyDays: 3 }, ...spec });
}

const read = (signers: unknown[]) => readDemoData("signers.json", "signer", signers, signerSpecSchema);

export const DEMO_SIGNERS: DemoSigner[] = [
  // mostly in order; a few carry one everyday problem (custody, credential)
  ...read(data.ordinary).map(ordinary),
  // each shows a situation the findings engine must catch
  ...read(data.special).map(signer),
];
