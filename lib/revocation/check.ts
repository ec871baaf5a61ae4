// Checks one certificate's revocation status: OCSP first, CRL as fallback. Never throws: every
// failure becomes an `error` result naming the URL and what went wrong.
import { CrlStore, type CrlCachePort } from "./crl-store";
import { buildOcspRequest, evaluateOcspResponse } from "./ocsp";
import { IssuerCache, serialIfSignedBy, type IssuerContext } from "./issuer";
import { safeFetch, type Resolver } from "./safe-fetch";
import { RequestScheduler } from "./scheduler";
import { describeError, RevocationError, type RevocationAnswer, type RevocationCheckResult } from "./types";

export type CheckTarget = {
  der: Uint8Array;
  /** the issuing CA's certificate; answers cannot be verified without it */
  issuerDer: Uint8Array | null;
  ocspUrls: string[];
  crlUrls: string[];
};

export type FetchSettings = {
  /** per request, redirects and body included (default 10 s) */
  timeoutMs?: number;
  ocspMaxBytes?: number;
  crlMaxBytes?: number;
  maxRedirects?: number;
  /** hosts/IPs that may be internal (SIGNET_REVOCATION_ALLOW_HOSTS) */
  allowHosts?: readonly string[];
  resolve?: Resolver;
  ocspMethod?: "POST" | "GET";
  /** consecutive failures after which a host is skipped for the rest of the run */
  hostFailureLimit?: number;
};

export const DEFAULT_FETCH_SETTINGS: Required<Omit<FetchSettings, "allowHosts" | "resolve" | "ocspMethod">> = {
  timeoutMs: 10_000,
  ocspMaxBytes: 64 * 1024,
  crlMaxBytes: 10 * 1024 * 1024,
  maxRedirects: 3,
  hostFailureLimit: 3,
};

export type CheckerOptions = {
  now: Date;
  concurrency?: number;
  perHostConcurrency?: number;
  fetch?: FetchSettings;
  crlCache?: CrlCachePort;
};

/** One run of checks: shares the request limits, the CRLs and the per-host failure counts. */
export class RevocationChecker {
  readonly scheduler: RequestScheduler;
  readonly crls: CrlStore;
  private readonly issuers = new IssuerCache();
  private readonly settings: FetchSettings & typeof DEFAULT_FETCH_SETTINGS;
  private readonly now: Date;
  private readonly hostFailures = new Map<string, { count: number; last: string }>();

  constructor(options: CheckerOptions) {
    this.now = options.now;
    this.settings = { ...DEFAULT_FETCH_SETTINGS, ...options.fetch };
    this.scheduler = new RequestScheduler({
      concurrency: options.concurrency ?? 16,
      perHostConcurrency: options.perHostConcurrency ?? 4,
    });
    this.crls = new CrlStore({
      now: options.now,
      cache: options.crlCache,
      fetch: (url) => this.fetch(url, { maxBytes: this.settings.crlMaxBytes }),
    });
  }

  async check(target: CheckTarget): Promise<RevocationCheckResult> {
    const checkedAt = this.now;
    const ocspUrls = target.ocspUrls.filter(isHttp);
    const crlUrls = target.crlUrls.filter(isHttp);
    if (target.ocspUrls.length === 0 && target.crlUrls.length === 0)
      return { outcome: "no-revocation-info", checkedAt };
    if (ocspUrls.length === 0 && crlUrls.length === 0) {
      const urls = [...target.ocspUrls, ...target.crlUrls].join(", ");
      return {
        outcome: "error",
        checkedAt,
        error: `only non-HTTP revocation URLs (${urls}); they are not checked`,
        attemptErrors: [],
      };
    }
    if (!target.issuerDer) {
      return {
        outcome: "error",
        checkedAt,
        error:
          "the issuing CA certificate is not in the inventory, so OCSP and CRL answers cannot be verified; import the issuer",
        attemptErrors: [],
      };
    }
    let issuer: IssuerContext;
    let serial: string | null;
    try {
      issuer = this.issuers.get(target.issuerDer);
      serial = await serialIfSignedBy(target.der, issuer);
    } catch (error) {
      return { outcome: "error", checkedAt, error: describeError(error), attemptErrors: [] };
    }
    // answers are verified with the issuer's key, so that key must be the one that signed the certificate
    if (serial === null) {
      return {
        outcome: "error",
        checkedAt,
        error: "the linked issuer certificate did not sign this certificate",
        attemptErrors: [],
      };
    }
    const errors: string[] = [];
    let unknown: RevocationAnswer | null = null;
    for (const url of ocspUrls) {
      try {
        const answer = await this.checkOcsp(url, serial, issuer);
        if (answer.outcome !== "unknown") return { ...answer, attemptErrors: errors };
        // the responder does not know the certificate: the CRL may
        unknown = answer;
        break;
      } catch (error) {
        errors.push(describeError(error));
      }
    }
    for (const url of crlUrls) {
      try {
        const crl = await this.crls.get(url, issuer);
        const entry = crl.entries.get(serial);
        return {
          outcome: entry ? "revoked" : "good",
          source: "crl",
          url,
          checkedAt,
          thisUpdate: crl.thisUpdate,
          nextUpdate: crl.nextUpdate,
          reason: entry?.reason ?? null,
          revokedAt: entry?.revokedAt ?? null,
          attemptErrors: errors,
        };
      } catch (error) {
        errors.push(describeError(error));
      }
    }
    if (unknown) return { ...unknown, attemptErrors: errors };
    return { outcome: "error", checkedAt, error: errors.join("; "), attemptErrors: errors };
  }

  private async checkOcsp(url: string, serialHex: string, issuer: IssuerContext): Promise<RevocationAnswer> {
    const request = await buildOcspRequest({ serialHex, issuer });
    const isGet = this.settings.ocspMethod === "GET";
    const target = isGet
      ? `${url.replace(/\/$/, "")}/${encodeURIComponent(Buffer.from(request.der).toString("base64"))}`
      : url;
    const body = await this.fetch(target, {
      maxBytes: this.settings.ocspMaxBytes,
      method: isGet ? "GET" : "POST",
      body: isGet ? undefined : request.der,
      headers: {
        accept: "application/ocsp-response",
        ...(isGet ? {} : { "content-type": "application/ocsp-request" }),
      },
    });
    const answer = await evaluateOcspResponse(body, { request, issuer, now: this.now, url });
    return {
      outcome: answer.status,
      source: "ocsp",
      url,
      checkedAt: this.now,
      thisUpdate: answer.thisUpdate,
      nextUpdate: answer.nextUpdate,
      reason: answer.reason,
      revokedAt: answer.revokedAt,
      attemptErrors: [],
    };
  }

  /** A fetch through the scheduler; a host that keeps failing is skipped for the rest of the run. */
  private async fetch(
    url: string,
    options: { maxBytes: number; method?: "GET" | "POST"; body?: Uint8Array; headers?: Record<string, string> },
  ): Promise<Uint8Array> {
    const host = hostOf(url);
    try {
      const response = await this.scheduler.run(host, () => {
        // checked when the request's turn comes, so requests queued behind failures are skipped too
        const failing = this.hostFailures.get(host);
        if (failing && failing.count >= this.settings.hostFailureLimit) {
          throw new RevocationError(
            "host-skipped",
            `${url}: skipped, ${host} failed ${failing.count} times in a row in this run (last: ${failing.last})`,
          );
        }
        return safeFetch(url, {
          ...options,
          timeoutMs: this.settings.timeoutMs,
          maxRedirects: this.settings.maxRedirects,
          allowHosts: this.settings.allowHosts,
          resolve: this.settings.resolve,
        });
      });
      this.hostFailures.delete(host);
      return response.body;
    } catch (error) {
      if (error instanceof RevocationError && ["timeout", "network", "http-status", "dns"].includes(error.code)) {
        const prev = this.hostFailures.get(host);
        this.hostFailures.set(host, { count: (prev?.count ?? 0) + 1, last: error.code });
      }
      throw error;
    }
  }
}

function isHttp(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}
