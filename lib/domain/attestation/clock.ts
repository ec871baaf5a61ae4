// Tests move the attestation clock through the API (`now` in a request body). Only when the
// server runs with SIGNET_ALLOW_CLOCK_OVERRIDE=1 and not in production; otherwise `now` is refused.

export function clockOverride(
  requested: string | undefined | null,
  env: { SIGNET_ALLOW_CLOCK_OVERRIDE?: string; NODE_ENV?: string; SIGNET_ENV?: string },
): { now: Date } | { error: string } | null {
  if (!requested) return null;
  const isProduction = env.NODE_ENV === "production" && env.SIGNET_ENV !== "local";
  if (env.SIGNET_ALLOW_CLOCK_OVERRIDE !== "1" || isProduction)
    return { error: "The clock cannot be overridden on this server" };
  const now = new Date(requested);
  if (Number.isNaN(now.getTime())) return { error: "`now` is not a valid date" };
  return { now };
}
