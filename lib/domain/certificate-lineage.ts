// Certificate lineage: which certificate replaced which. One rule, used by the stored
// Certificate.supersededAt/supersededById (lib/db/certificates/lineage.ts), and through them by
// findings, alerts, key retirement, lists and counts.
//
// A certificate is superseded when a certificate of the same kind (leaf or CA) with a later
// notBefore that is not revoked exists for the same signer: for a certificate linked to several
// signers, for every one of them (a shared certificate one signer still relies on is not
// history). A certificate linked to no signer is superseded by a later one of the same kind with
// the same subject and issuer. Like is compared with like: a signer holding its issuing CA's
// certificate beside its leaves renews them separately, so a newer CA certificate retires no leaf
// and a newer leaf no CA certificate. Supersession does not wait for the renewal's validity to
// start. supersededAt records the notBefore of the (last needed) successor, the earliest that did
// it; supersededById names it.

export type LineageCertificate = {
  id: string;
  notBefore: Date;
  subject: string;
  issuer: string;
  revocationStatus: string;
  isCA: boolean;
  signerIds: readonly string[];
};

export type Supersession = { supersededAt: Date; supersededById: string };

const byNotBefore = (a: LineageCertificate, b: LineageCertificate) =>
  a.notBefore.getTime() - b.notBefore.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The earliest certificate of `cert`'s kind in `group` with a later notBefore than `cert` that is not revoked. */
function successorIn(group: readonly LineageCertificate[], cert: LineageCertificate): LineageCertificate | null {
  for (const c of group) {
    if (c.id === cert.id || c.revocationStatus === "revoked" || c.isCA !== cert.isCA) continue;
    if (c.notBefore.getTime() > cert.notBefore.getTime()) return c;
  }
  return null;
}

/**
 * Supersession for each certificate of `certs` (ids missing from the result: not superseded).
 * `certs` must hold whole lineages: every certificate of each signer involved and every
 * certificate sharing a subject and issuer with an unlinked one.
 */
export function computeSupersession(certs: readonly LineageCertificate[]): Map<string, Supersession> {
  const bySigner = new Map<string, LineageCertificate[]>();
  const byName = new Map<string, LineageCertificate[]>();
  const nameKey = (c: LineageCertificate) => `${c.subject}\u0000${c.issuer}`;
  for (const c of certs) {
    for (const s of c.signerIds) bySigner.set(s, [...(bySigner.get(s) ?? []), c]);
    byName.set(nameKey(c), [...(byName.get(nameKey(c)) ?? []), c]);
  }
  for (const list of [...bySigner.values(), ...byName.values()]) list.sort(byNotBefore);

  const out = new Map<string, Supersession>();
  for (const c of certs) {
    const groups = c.signerIds.length ? c.signerIds.map((s) => bySigner.get(s)!) : [byName.get(nameKey(c))!];
    let latest: LineageCertificate | null = null;
    let isEveryGroupRenewed = true;
    for (const group of groups) {
      const next = successorIn(group, c);
      if (!next) {
        isEveryGroupRenewed = false;
        break;
      }
      if (!latest || byNotBefore(next, latest) > 0) latest = next;
    }
    if (isEveryGroupRenewed && latest) out.set(c.id, { supersededAt: latest.notBefore, supersededById: latest.id });
  }
  return out;
}
