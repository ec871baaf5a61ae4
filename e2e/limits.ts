// Password sign-ins the e2e server allows per client address and minute. Every spec signs in
// from 127.0.0.1, so the budget must cover a whole run's sign-ins within a minute.
export const LOGIN_ATTEMPTS_PER_MINUTE = 120;
