// Password sign-ins the e2e server allows per client address and minute. The limiter (better-auth,
// database storage) restarts a key's count only after a minute without attempts, so this budget
// must cover every sign-in the specs and fixtures make from the shared address 127.0.0.1 in one
// run. 99-rate-limit.spec.ts spends its attempts from a loopback address of its own instead.
export const LOGIN_ATTEMPTS_PER_MINUTE = 120;
