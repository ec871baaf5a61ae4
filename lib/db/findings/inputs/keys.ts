import type { Db } from "@/lib/db/client";
import { onDriver } from "@/lib/db/driver";
import type { KeyInput } from "@/lib/domain/findings/types";
import { DAY_MS } from "@/lib/domain/expiry";
import { isSuperseded } from "@/lib/domain/certificate-status";
import { declaredCustodyOf, keyContext, type EvaluationCache } from "./context";
import { addTo, groupBy, inScope, readSelection, toBool, toDate, type Page } from "@/lib/db/sql";

// The findings engine's view of signing keys: their certificates, the signers using them and the
// environments they signed in recently.

type KeyRow = {
  id: string;
  spkiSha256: string;
  algorithm: string;
  firstSeenAt: unknown;
  createdAt: unknown;
  custody: string;
  custodyEvidence: string | null;
};

/**
 * A signer counts as using a key while it is not decommissioned and holds a certificate of that key
 * that is in service: unexpired, not revoked and not superseded (the keys list's
 * keyInServiceCertificateWhere). A key whose certificates are all history is retired: its rules
 * stay quiet (an expired certificate nobody replaced raises cert.expired instead).
 */
export async function loadKeyInputs(
  db: Db,
  selection: { ids: string[] } | Page,
  options: { now: Date; activityWindowDays: number; cache: EvaluationCache },
): Promise<KeyInput[]> {
  // the raw reads on the driver, as loadCertificateInputs does
  const raw = onDriver(db);
  const { rows: keys, scope } = await readSelection(
    selection,
    (where, tail) =>
      raw.$queryRaw<
        KeyRow[]
      >`SELECT "id", "spkiSha256", "algorithm", "firstSeenAt", "createdAt", "custody", "custodyEvidence" FROM "SigningKey" WHERE ${where} ${tail}`,
  );
  if (keys.length === 0) return [];
  const since = new Date(options.now.getTime() - options.activityWindowDays * DAY_MS);
  const [certs, { links, environments: envRows }] = await Promise.all([
    raw.$queryRaw<
      {
        id: string;
        keyId: string;
        sha256: string;
        notBefore: unknown;
        notAfter: unknown;
        subjectCn: string | null;
        isKeyless: unknown;
      }[]
    >`
      SELECT "id", "keyId", "sha256", "notBefore", "notAfter", "subjectCn", "isKeyless" FROM "Certificate" WHERE ${inScope('"keyId"', scope)}`,
    keyContext(raw, scope),
  ]);

  const certsOf = groupBy(certs, (c) => c.keyId);
  const signersOf = new Map<string, Set<string>>();
  for (const l of links) {
    const isInService =
      toDate(l.notAfter)! >= options.now && l.revocationStatus !== "revoked" && !isSuperseded(toDate(l.supersededAt));
    if (isInService) addTo(signersOf, l.keyId, l.signerId);
  }
  const envsOf = new Map<string, Set<string>>();
  const envLastAtOf = new Map<string, Date[]>();
  for (const e of envRows) {
    const lastAt = toDate(e.lastAt)!;
    if (lastAt < since) continue;
    addTo(envsOf, e.keyId, e.environment);
    envLastAtOf.set(e.keyId, [...(envLastAtOf.get(e.keyId) ?? []), lastAt]);
  }
  // signers speak for a key only while its own custody is unknown
  const unknownCustody = keys.filter((k) => k.custody === "unknown");
  const declared = await declaredCustodyOf(
    db,
    options.cache,
    unknownCustody.flatMap((k) => [...(signersOf.get(k.id) ?? [])]),
  );
  const declaredFor = (k: KeyRow) =>
    k.custody !== "unknown"
      ? []
      : [...(signersOf.get(k.id) ?? [])].sort().flatMap((signerId) => {
          const d = declared.get(signerId);
          return d ? [{ signerId, ...d }] : [];
        });
  return keys.map((k) => ({
    id: k.id,
    spkiSha256: k.spkiSha256,
    algorithm: k.algorithm,
    firstSeenAt: toDate(k.firstSeenAt)!,
    createdAt: toDate(k.createdAt),
    custody: k.custody,
    custodyEvidence: k.custodyEvidence,
    declaredCustody: declaredFor(k),
    certificates: (certsOf.get(k.id) ?? []).map((c) => ({
      id: c.id,
      sha256: c.sha256,
      notBefore: toDate(c.notBefore)!,
      notAfter: toDate(c.notAfter)!,
      subjectCn: c.subjectCn,
      isKeyless: toBool(c.isKeyless),
    })),
    signerIds: [...(signersOf.get(k.id) ?? [])].sort(),
    signingEnvironments: [...(envsOf.get(k.id) ?? [])].sort(),
    signingEnvironmentsLastAt: envLastAtOf.get(k.id) ?? [],
  }));
}
