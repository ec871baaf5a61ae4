// Which registered signer a Sigstore keyless signature belongs to. A signer declares the keyless
// identity it signs as (Signer.keylessIssuer + Signer.keylessSubjectPattern); a scanned keyless
// identity (lib/scan KeylessIdentity: the Fulcio certificate's OIDC issuer, SAN, workflow and
// repository claims) matches it when the issuers are equal and the pattern matches the SAN, the
// workflow (build signer URI) or the repository. Pure: the caller loads the declarations.
//
// Patterns are globs: `*` matches any run of characters (slashes included), everything else is
// literal and compared exactly (case-sensitively: URIs and e-mail local parts are). Examples:
//   https://github.com/acme/app/.github/workflows/release.yml@refs/tags/*
//   https://github.com/acme/*
//   release-bot@acme.example

/** The parts of a keyless identity the matching reads (lib/scan's KeylessIdentity has them). */
export type KeylessIdentityClaims = {
  issuer: string;
  subject: string;
  workflow: string | null;
  repository: string | null;
};

export type KeylessSignerDeclaration = {
  id: string;
  keylessIssuer: string | null;
  keylessSubjectPattern: string | null;
};

export type KeylessSignerMatch<S extends KeylessSignerDeclaration> = {
  signer: S;
  /** which claim the pattern matched */
  matchedOn: "subject" | "workflow" | "repository";
};

export const KEYLESS_PATTERN_MAX_LENGTH = 500;

/** Issuer URLs compare without a trailing slash (Fulcio writes them as the token's `iss`). */
export function normaliseIssuer(issuer: string): string {
  return issuer.trim().replace(/\/+$/, "");
}

export function keylessPatternMatches(pattern: string, value: string): boolean {
  const parts = pattern.split("*");
  if (parts.length === 1) return pattern === value;
  const [first, ...rest] = parts;
  const last = rest.pop()!;
  if (!value.startsWith(first) || value.length < first.length + last.length || !value.endsWith(last)) return false;
  // greedy-free scan: each middle literal at its earliest place after the previous one
  let at = first.length;
  const end = value.length - last.length;
  for (const part of rest) {
    const found = value.indexOf(part, at);
    if (found < 0 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}

/** Fewer wildcards and more literal characters first: the narrowest declaration wins. */
function specificity(pattern: string): [number, number] {
  const wildcards = pattern.split("*").length - 1;
  return [wildcards, -(pattern.length - wildcards)];
}

/**
 * The signer whose declared keyless identity matches, or null. When several match, the one with
 * the most specific pattern (fewest `*`, then most literal characters, then lowest id) wins, so a
 * release workflow's own signer beats a catch-all for the whole organisation.
 */
export function matchKeylessSigner<S extends KeylessSignerDeclaration>(
  identity: KeylessIdentityClaims,
  signers: readonly S[],
): KeylessSignerMatch<S> | null {
  const issuer = normaliseIssuer(identity.issuer);
  const claims = [
    ["subject", identity.subject],
    ["workflow", identity.workflow],
    ["repository", identity.repository],
  ] as const;
  const matches: KeylessSignerMatch<S>[] = [];
  for (const signer of signers) {
    const pattern = signer.keylessSubjectPattern?.trim();
    if (!signer.keylessIssuer || !pattern || normaliseIssuer(signer.keylessIssuer) !== issuer) continue;
    const hit = claims.find(([, value]) => value !== null && value !== "" && keylessPatternMatches(pattern, value));
    if (hit) matches.push({ signer, matchedOn: hit[0] });
  }
  matches.sort((a, b) => {
    const [wa, la] = specificity(a.signer.keylessSubjectPattern!.trim());
    const [wb, lb] = specificity(b.signer.keylessSubjectPattern!.trim());
    return wa - wb || la - lb || a.signer.id.localeCompare(b.signer.id);
  });
  return matches[0] ?? null;
}
