// The Sigstore trusted roots a bundle is verified against, offline. The public-good root is the
// one @sigstore/tuf ships as its TUF seed (kept current by that package's releases); a private
// Sigstore instance (own Fulcio, own Rekor) supplies its own trusted_root.json through
// SIGNET_SIGSTORE_TRUSTED_ROOT, which callers read with `configuredSigstoreTrustedRoot` and pass
// to the readers as `context.sigstoreTrustedRoot`.
import { readFileSync } from "node:fs";
import { TrustedRoot } from "@sigstore/protobuf-specs";
import { toTrustMaterial, type TrustMaterial } from "@sigstore/verify";
import seeds from "@sigstore/tuf/seeds.json";

const PUBLIC_GOOD_REPOSITORY = "https://tuf-repo-cdn.sigstore.dev";

export type SigstoreTrust = {
  material: TrustMaterial;
  /** how many CT logs the root lists: a private instance without CT asks for no SCT */
  ctlogCount: number;
  /** the transparency logs' ids (hex) → base URL, to name a bundle's log */
  logUrls: Map<string, string>;
};

let publicGood: SigstoreTrust | null = null;

/** The public-good trusted root JSON, as shipped in @sigstore/tuf's seeds.json. */
export function publicGoodTrustedRootJson(): unknown {
  const targets = (seeds as Record<string, { targets?: Record<string, string> }>)[PUBLIC_GOOD_REPOSITORY]?.targets;
  const encoded = targets?.["trusted_root.json"];
  if (!encoded) throw new Error("@sigstore/tuf ships no public-good trusted_root.json");
  return JSON.parse(Buffer.from(encoded, "base64").toString("utf8"));
}

/** Trust material from a trusted_root.json object; throws when it is not one. */
export function sigstoreTrust(trustedRootJson: unknown): SigstoreTrust {
  const root = TrustedRoot.fromJSON(trustedRootJson);
  if (root.certificateAuthorities.length === 0 && root.tlogs.length === 0) {
    throw new Error("the trusted root lists no certificate authority and no transparency log");
  }
  const logUrls = new Map<string, string>();
  for (const t of root.tlogs) {
    if (t.logId) logUrls.set(Buffer.from(t.logId.keyId).toString("hex"), t.baseUrl);
  }
  return { material: toTrustMaterial(root), ctlogCount: root.ctlogs.length, logUrls };
}

export function publicGoodTrust(): SigstoreTrust {
  publicGood ??= sigstoreTrust(publicGoodTrustedRootJson());
  return publicGood;
}

/**
 * The trusted root named by SIGNET_SIGSTORE_TRUSTED_ROOT (a path to a Sigstore trusted_root.json),
 * or undefined when the variable is unset: then the public-good root applies. Throws with the path
 * when the file cannot be read or is not JSON, so a misconfiguration is not silently ignored.
 */
export function configuredSigstoreTrustedRoot(env: Record<string, string | undefined> = process.env): unknown {
  const file = env.SIGNET_SIGSTORE_TRUSTED_ROOT?.trim();
  if (!file) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`SIGNET_SIGSTORE_TRUSTED_ROOT (${file}) is not a readable trusted_root.json: ${why}`);
  }
}
