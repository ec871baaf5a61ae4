import { z } from "@/lib/domain/zod";
import { AppError } from "@/lib/api/errors";
import { clockOverride } from "@/lib/domain/attestation/clock";

/** `now` for an attestation request: the real clock, or the test override when the server allows it. */
export function attestationNow(requested: string | undefined | null): Date {
  const r = clockOverride(requested, process.env);
  if (!r) return new Date();
  if ("error" in r) throw new AppError("forbidden", r.error);
  return r.now;
}

/** The `now` a request may carry to move that clock (honoured only where attestationNow allows it). */
export const clockOverrideInput = z.object({ now: z.string().optional() });
