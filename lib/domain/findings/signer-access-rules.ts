// Signer rules about what the identity can do and how it is used: grants, environments,
// interactive use, separation of duties and the credential the pipeline holds.
import { DAY_MS, formatRelative, isOlderThanDays } from "@/lib/domain/expiry";
import {
  ACTIVE_ONLY,
  configuredEnvironments,
  grantEnvironment,
  grantsRule,
  signerLabel,
  signerMeta,
  signerRule,
  type SignerRule,
} from "@/lib/domain/findings/signer-context";
import { day, iso, isProductionEnvironment, plural, quote, splitEnvironments } from "@/lib/domain/findings/shared";
import type { CredentialFact, PrivilegeRef } from "@/lib/domain/findings/types";
import { credentialLabel, pipelineCredentialExpiresAt } from "@/lib/domain/signer-credentials";

/** Whether a grant went unexercised for more than `days` (one never exercised: since it was granted). */
function isUnusedFor(p: PrivilegeRef, now: Date, days: number): boolean {
  return isOlderThanDays(p.lastExercisedAt ?? p.grantedAt, now, days);
}

/** The first five unused grants, each named and told when it was last used, "…" after them when there are more. */
function unusedList(unused: PrivilegeRef[], name: (p: PrivilegeRef) => string): string {
  const list = unused
    .slice(0, 5)
    .map(
      (p) =>
        `${name(p)} ${p.lastExercisedAt ? `last used ${day(p.lastExercisedAt)}` : `never used since ${day(p.grantedAt)}`}`,
    );
  return `${list.join(", ")}${unused.length > 5 ? ", …" : ""}`;
}

export const signerOverprivileged = grantsRule(
  signerMeta(
    "signer.overprivileged",
    "Overprivileged signer",
    "high",
    "OWASP NHI5 Overprivileged NHI",
    "NHI5",
    [],
    "Remove grants the signer has not used, replace wildcard scopes with the exact repositories and environments it signs for, and keep the grant count within policy.",
  ),
  (grants, { unusedGrantDays, maxGrants }, s, ctx) => {
    const unused = grants.filter((p) => isUnusedFor(p, ctx.now, unusedGrantDays));
    const wildcards = grants.filter((p) => p.scope.includes("*"));
    const isTooMany = grants.length > maxGrants;
    if (unused.length === 0 && wildcards.length === 0 && !isTooMany) return null;
    const parts: string[] = [];
    if (isTooMany) parts.push(`holds ${grants.length} grants (policy allows ${maxGrants})`);
    if (unused.length) {
      const list = unusedList(unused, (p) => quote(p.scope));
      parts.push(`has ${plural(unused.length, "grant")} unused for over ${unusedGrantDays} days (${list})`);
    }
    if (wildcards.length) parts.push(`has wildcard scope ${wildcards.map((p) => quote(p.scope)).join(", ")}`);
    return {
      message: `${signerLabel(s)} ${parts.join("; ")}.`,
      evidence: {
        grantCount: grants.length,
        maxGrants,
        unusedPrivilegeIds: unused.map((p) => p.id),
        wildcardPrivilegeIds: wildcards.map((p) => p.id),
        unusedScopes: unused.map((p) => p.scope),
        wildcardScopes: wildcards.map((p) => p.scope),
      },
      threshold: `every grant exercised within ${unusedGrantDays} days, no wildcard scopes, at most ${maxGrants} grants`,
    };
  },
);

export const signerEnvMixing = signerRule(
  signerMeta(
    "signer.env-mixing",
    "Signs for production and non-production",
    "high",
    "OWASP NHI8 Environment Isolation",
    "NHI8",
    [],
    "Split the signer: one identity (with its own key) for production releases and another for test and staging builds.",
  ),
  { appliesTo: ACTIVE_ONLY },
  (s, ctx) => {
    const prodNames = ctx.policy.signers.productionEnvironments;
    const signed = splitEnvironments(s.recentSigning.environments, prodNames);
    const configured = splitEnvironments(configuredEnvironments(s), prodNames);
    const hasSigned = signed.production.length > 0 && signed.nonProduction.length > 0;
    const isConfigured = configured.production.length > 0 && configured.nonProduction.length > 0;
    if (!hasSigned && !isConfigured) return null;
    const envs = hasSigned ? signed : configured;
    const how = hasSigned
      ? `signed in the last ${ctx.policy.signers.activityWindowDays} days`
      : "is configured to sign";
    return {
      message: `${signerLabel(s)} ${how} for production (${envs.production.join(", ")}) and non-production (${envs.nonProduction.join(", ")}).`,
      evidence: {
        source: hasSigned ? "signing-events" : "configuration",
        signedProduction: signed.production,
        signedNonProduction: signed.nonProduction,
        configuredProduction: configured.production,
        configuredNonProduction: configured.nonProduction,
      },
      threshold: `one environment class per signer (production: ${prodNames.join(", ")})`,
    };
  },
);

export const signerHumanUse = signerRule(
  signerMeta(
    "signer.human-use",
    "Signer used interactively by a person",
    "high",
    "OWASP NHI10 Human Use of NHI",
    "NHI10",
    [],
    "Sign only from the pipeline; give people who need to sign their own audited identity, and move the key somewhere a workstation cannot reach.",
  ),
  { appliesTo: ACTIVE_ONLY },
  (s, ctx) => {
    const windowDays = ctx.policy.signers.activityWindowDays;
    const events = s.recentSigning.interactiveEvents
      .filter((e) => !isOlderThanDays(e.signedAt, ctx.now, windowDays))
      .sort((a, b) => b.signedAt.getTime() - a.signedAt.getTime());
    if (events.length === 0) return null;
    const latest = events[0];
    const softwareKeys = s.keys.filter((k) => k.custody === "software-file");
    return {
      message: `${signerLabel(s)} signed ${plural(events.length, "artifact")} interactively in the last ${windowDays} days instead of from its pipeline (latest ${quote(latest.artifactName)} on ${day(latest.signedAt)}).`,
      evidence: {
        interactiveEventCount: events.length,
        eventIds: events.slice(0, 20).map((e) => e.id),
        latestSignedAt: iso(latest.signedAt),
        latestArtifactName: latest.artifactName,
        softwareKeyIds: softwareKeys.map((k) => k.id),
      },
      threshold: `no interactive signing events in ${windowDays} days`,
    };
  },
);

/** "*", a bare verb ("sign" covers sign:…) or a scope starting with one of the prefixes */
function hasPrefix(scope: string, prefixes: readonly string[]): boolean {
  const s = scope.trim().toLowerCase();
  return (
    s === "*" ||
    prefixes.some((raw) => {
      const p = raw.toLowerCase();
      return s.startsWith(p) || s === p.replace(/:$/, "");
    })
  );
}

function environmentsOverlap(a: PrivilegeRef, b: PrivilegeRef): boolean {
  const x = grantEnvironment(a);
  const y = grantEnvironment(b);
  return x === null || y === null || x === y;
}

export const signerSeparationOfDuties = grantsRule(
  signerMeta(
    "signer.separation-of-duties",
    "Can both sign and approve releases",
    "high",
    "Separation of duties in release automation",
    "NHI5",
    [],
    "Remove the approve/promote grant from the signing identity; approvals should come from people or a different identity than the one that signs.",
  ),
  (grants, { signScopePrefixes, approveScopePrefixes }, s) => {
    const signs = grants.filter((p) => hasPrefix(p.scope, signScopePrefixes));
    const approves = grants.filter((p) => hasPrefix(p.scope, approveScopePrefixes));
    const pairs = signs.flatMap((a) => approves.filter((b) => environmentsOverlap(a, b)).map((b) => [a, b] as const));
    if (pairs.length === 0) return null;
    const [sign, approve] = pairs[0];
    const detail =
      sign.id === approve.id ? `through ${quote(sign.scope)}` : `(${quote(sign.scope)} and ${quote(approve.scope)})`;
    return {
      message: `${signerLabel(s)} may both sign and approve/promote the same release ${detail}.`,
      evidence: {
        signScopes: [...new Set(pairs.map(([a]) => a.scope))],
        approveScopes: [...new Set(pairs.map(([, b]) => b.scope))],
        privilegeIds: [...new Set(pairs.flatMap(([a, b]) => [a.id, b.id]))],
      },
      threshold: `no identity holds both ${signScopePrefixes.join("/")}* and ${approveScopePrefixes.join("/")}* grants for the same environment`,
    };
  },
);

export const signerStaticCredential = signerRule(
  signerMeta(
    "signer.static-credential",
    "Long-lived secret instead of workload identity",
    "medium",
    "OWASP NHI6 Insecure Cloud Deployment Configurations, NHI7 Long-Lived Secrets",
    "NHI7",
    ["NHI6"],
    "Switch the pipeline to workload identity federation (OIDC) with the signing service, then revoke the static secret.",
  ),
  { appliesTo: ACTIVE_ONLY },
  (s, ctx) => {
    const types = ctx.policy.signers.staticCredentialTypes;
    if (!types.some((t) => t.toLowerCase() === s.credentialType.toLowerCase())) return null;
    const expiresAt = pipelineCredentialExpiresAt(s.credentials);
    const expiry = expiresAt ? ` (expires ${day(expiresAt)})` : " with no expiry";
    return {
      message: `${signerLabel(s)} reaches the signing service with a ${s.credentialType} credential${expiry} instead of workload identity (OIDC).`,
      evidence: { credentialType: s.credentialType, credentialExpiresAt: iso(expiresAt) },
      threshold: "pipelines authenticate with short-lived workload identity (OIDC)",
    };
  },
);

export const signerCredentialExpiring = signerRule(
  signerMeta(
    "signer.credential-expiring",
    "Pipeline credential expiring",
    "high",
    "User reports: pipeline secrets lapse before the certificate",
    null,
    [],
    "Rotate the credential now and update the pipeline secret (better: move to OIDC so there is nothing to expire).",
  ),
  { appliesTo: ACTIVE_ONLY },
  // One finding per signer naming every credential inside the window (or expired), soonest first:
  // each credential enters on its own day and the finding's message and evidence follow.
  (s, ctx) => {
    const limit = ctx.policy.signers.credentialExpiringDays;
    const due = s.credentials
      .filter((c): c is CredentialFact & { expiresAt: Date } => c.expiresAt !== null)
      .filter((c) => c.expiresAt.getTime() - ctx.now.getTime() <= limit * DAY_MS)
      .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime());
    if (due.length === 0) return null;
    const isExpired = (c: { expiresAt: Date }) => c.expiresAt.getTime() < ctx.now.getTime();
    const phrase = (c: CredentialFact & { expiresAt: Date }) => {
      const what = c.isPipeline
        ? `the ${s.credentialType} credential its pipeline uses to reach the signing service`
        : `${credentialLabel(c)}`;
      return `${what} ${isExpired(c) ? "expired" : "expires"} on ${day(c.expiresAt)} (${formatRelative(c.expiresAt, ctx.now)})`;
    };
    const anyExpired = due.some(isExpired);
    return {
      message: `${signerLabel(s)}: ${due.map(phrase).join("; ")}; releases ${anyExpired ? "fail" : "will fail"} without ${due.length === 1 ? "it" : "them"}.`,
      evidence: {
        // the soonest one, as before several credentials per signer
        credentialType: s.credentialType,
        credentialExpiresAt: iso(due[0].expiresAt),
        isExpired: isExpired(due[0]),
        credentials: due.map((c) => ({
          id: c.id,
          kind: c.kind,
          name: c.name,
          expiresAt: iso(c.expiresAt),
          isExpired: isExpired(c),
        })),
      },
      threshold: `credential valid for more than ${limit} days`,
    };
  },
);

/** "*", or a scope of a signing verb (sign:…) */
function isSigningScope(scope: string, prefixes: readonly string[]): boolean {
  return hasPrefix(scope, prefixes);
}

export const signerStandingGrantUnused = grantsRule(
  signerMeta(
    "signer.standing-grant-unused",
    "Standing production signing grant unused",
    "medium",
    "Remove standing release access: approval workflow hardening",
    "NHI5",
    [],
    "Convert the grant to just-in-time (one click on this finding): the pipeline then asks for an approved window (signet request-approval) before each release.",
  ),
  (grants, { standingGrantUnusedDays, productionEnvironments, signScopePrefixes }, s, ctx) => {
    const standing = grants.filter((p) => {
      if (p.isJustInTime || !isSigningScope(p.scope, signScopePrefixes)) return false;
      const env = grantEnvironment(p);
      return env === null || isProductionEnvironment(env, productionEnvironments);
    });
    const unused = standing.filter((p) => isUnusedFor(p, ctx.now, standingGrantUnusedDays));
    if (unused.length === 0) return null;
    const list = unusedList(unused, (p) => `${quote(p.scope)}@${p.environment ?? "any"}`);
    return {
      message: `${signerLabel(s)} holds ${plural(unused.length, "standing production signing grant")} unused for over ${standingGrantUnusedDays} days (${list}).`,
      evidence: {
        privilegeIds: unused.map((p) => p.id),
        scopes: unused.map((p) => p.scope),
        lastExercisedAt: unused.map((p) => iso(p.lastExercisedAt)),
      },
      threshold: `production signing grants exercised within ${standingGrantUnusedDays} days, or just-in-time`,
    };
  },
);

export const signerAccessRules: SignerRule[] = [
  signerOverprivileged,
  signerEnvMixing,
  signerHumanUse,
  signerSeparationOfDuties,
  signerStaticCredential,
  signerCredentialExpiring,
  signerStandingGrantUnused,
];
