import { AppError } from "@/lib/api/errors";
import type { DbOrTx } from "@/lib/db/client";
import {
  resolveCertificates,
  resolvePeople,
  resolveTeams,
  type CertificateRef,
  type PersonRef,
  type TeamRef,
} from "@/lib/db/signers/signer-admin";
import type { RowIssue } from "@/lib/domain/signer-import";

// Turns the references a signer input carries (people by id/email, team by id/name/email,
// certificates by fingerprint) into ids, with one issue per reference that does not resolve.
// Lookups are loaded once for many inputs (bulk import), then each input is checked on its own.

/** The id of the team a reference (id, name or email) names; a validation error on `team` when none does. */
export async function resolveTeamId(db: DbOrTx, ref: string): Promise<string> {
  const team = (await resolveTeams(db, [ref])).get(ref.toLowerCase());
  if (!team)
    throw new AppError("validation", `No team ${ref}`, { issues: [{ path: "team", message: `No team ${ref}` }] });
  return team.id;
}

export type ReferenceInput = {
  primaryOwner?: string | null;
  backupOwner?: string | null;
  team?: string | null;
  certificates?: string[];
};

export type Lookups = {
  people: Map<string, PersonRef>;
  teams: Map<string, TeamRef>;
  certificates: Map<string, CertificateRef>;
};

export async function loadLookups(db: DbOrTx, inputs: ReferenceInput[]): Promise<Lookups> {
  const people = inputs.flatMap((i) => [i.primaryOwner, i.backupOwner]).filter((r): r is string => !!r);
  const teams = inputs.map((i) => i.team).filter((r): r is string => !!r);
  const certs = inputs.flatMap((i) => i.certificates ?? []);
  const [p, t, c] = await Promise.all([
    resolvePeople(db, people),
    resolveTeams(db, teams),
    resolveCertificates(db, certs),
  ]);
  return { people: p, teams: t, certificates: c };
}

export type ResolvedReferences = {
  /** undefined: not mentioned in the input (an update leaves it as it is) */
  primaryOwnerId?: string | null;
  backupOwnerId?: string | null;
  teamId?: string | null;
  certificates?: CertificateRef[];
};

/** How the input names each reference field in its issues (API/JSON names or CSV columns). */
export type FieldNames = { primaryOwner: string; backupOwner: string; team: string; certificates: string };

export function resolveReferences(
  input: ReferenceInput,
  lookups: Lookups,
  fields: FieldNames,
): { resolved: ResolvedReferences; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const resolved: ResolvedReferences = {};
  const person = (ref: string | null | undefined, field: string, role: string) => {
    if (ref === undefined) return undefined;
    if (ref === null) return null;
    const p = lookups.people.get(ref.trim().toLowerCase());
    if (!p) issues.push({ field, message: `No person ${ref} in Signet; add them on the People page first` });
    else if (!p.isActive)
      issues.push({ field, message: `${p.name} (${p.email}) has left the company and cannot be the ${role}` });
    return p?.isActive ? p.id : undefined;
  };
  resolved.primaryOwnerId = person(input.primaryOwner, fields.primaryOwner, "primary owner");
  resolved.backupOwnerId = person(input.backupOwner, fields.backupOwner, "backup owner");
  if (resolved.primaryOwnerId && resolved.primaryOwnerId === resolved.backupOwnerId) {
    issues.push({
      field: fields.backupOwner,
      message: "The backup owner must be someone other than the primary owner",
    });
  }
  if (input.team !== undefined) {
    if (input.team === null) resolved.teamId = null;
    else {
      const t = lookups.teams.get(input.team.trim().toLowerCase());
      if (!t) issues.push({ field: fields.team, message: `No team ${input.team} in Signet` });
      resolved.teamId = t?.id;
    }
  }
  if (input.certificates) {
    const found: CertificateRef[] = [];
    for (const fp of input.certificates) {
      const c = lookups.certificates.get(fp);
      if (c) found.push(c);
      else
        issues.push({
          field: fields.certificates,
          message: `No certificate with SHA-256 ${fp.slice(0, 16)}… in the inventory; import it first`,
        });
    }
    resolved.certificates = found;
  }
  return { resolved, issues };
}
