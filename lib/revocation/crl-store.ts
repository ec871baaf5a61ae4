// CRLs by URL for one run: each URL is fetched and verified at most once per issuer (concurrent
// certificates share the pending fetch), and a persistent cache (the CrlCache table) is used
// until the CRL's nextUpdate so that periodic runs do not download unchanged CRLs again.
import { parseCrl, verifyCrl, type VerifiedCrl } from "./crl";
import type { IssuerContext } from "./issuer";

export type CrlCacheRecord = {
  url: string;
  der: Uint8Array;
  thisUpdate: Date;
  nextUpdate: Date | null;
  fetchedAt: Date;
};

/** Persistent storage for fetched CRLs (lib/db/revocation.ts implements it on CrlCache). */
export type CrlCachePort = {
  load(url: string): Promise<CrlCacheRecord | null>;
  save(record: CrlCacheRecord): Promise<void>;
};

export type CrlStoreStats = { fetched: number; fromCache: number };

export class CrlStore {
  private readonly verified = new Map<string, Promise<VerifiedCrl>>();
  private readonly counters: CrlStoreStats = { fetched: 0, fromCache: 0 };

  constructor(
    private readonly deps: { fetch: (url: string) => Promise<Uint8Array>; cache?: CrlCachePort; now: Date },
  ) {}

  get(url: string, issuer: IssuerContext): Promise<VerifiedCrl> {
    const key = `${issuer.keyId} ${url}`;
    let pending = this.verified.get(key);
    if (!pending) {
      pending = this.load(url, issuer);
      this.verified.set(key, pending);
    }
    return pending;
  }

  stats(): CrlStoreStats {
    return { ...this.counters };
  }

  private async load(url: string, issuer: IssuerContext): Promise<VerifiedCrl> {
    const { now, cache } = this.deps;
    const cached = await cache?.load(url).catch(() => null);
    if (cached?.nextUpdate && cached.nextUpdate > now) {
      try {
        const crl = await verifyCrl(parseCrl(cached.der, url), { issuer, now, url });
        this.counters.fromCache++;
        return crl;
      } catch {
        // a cached CRL that no longer verifies (e.g. another issuer shares the URL): fetch afresh
      }
    }
    const der = await this.deps.fetch(url);
    this.counters.fetched++;
    const parsed = parseCrl(der, url);
    const crl = await verifyCrl(parsed, { issuer, now, url });
    // only verified CRLs are cached; a failed save costs a download next time, nothing more
    await cache
      ?.save({ url, der, thisUpdate: parsed.thisUpdate, nextUpdate: parsed.nextUpdate, fetchedAt: now })
      .catch(() => undefined);
    return crl;
  }
}
