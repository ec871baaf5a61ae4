// Live revocation checking (OCSP, CRL) with safe fetching. Server-only.
export {
  RevocationChecker,
  DEFAULT_FETCH_SETTINGS,
  type CheckTarget,
  type CheckerOptions,
  type FetchSettings,
} from "./check";
export type { CrlCachePort, CrlCacheRecord } from "./crl-store";
export { safeFetch, type SafeFetchOptions, type Resolver } from "./safe-fetch";
export { parseAllowHosts, restrictedRange } from "./ip-ranges";
export { RevocationError, type RevocationAnswer, type RevocationCheckResult, type RevocationSource } from "./types";
