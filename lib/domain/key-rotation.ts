// Key rotation age: how long a key pair has been in use. Renewing a certificate on the same key
// does not restart the clock, so the age runs from the earliest evidence the key existed: the
// creation date its owner recorded, the first time Signet saw it, or its oldest certificate.
// Same basis as the key.rotation-overdue rule (keyBirth in lib/domain/findings/key-rules.ts).
import { DAY_MS } from "@/lib/domain/expiry";

export type KeyAgeFacts = {
  firstSeenAt: Date;
  /** creation date recorded by the key's owner, when known */
  createdAt: Date | null;
  certificates?: readonly { notBefore: Date }[];
};

/** The earliest date the key is known to have existed. */
export function keyBornAt(key: KeyAgeFacts): Date {
  let earliest = key.firstSeenAt;
  if (key.createdAt && key.createdAt < earliest) earliest = key.createdAt;
  for (const c of key.certificates ?? []) if (c.notBefore < earliest) earliest = c.notBefore;
  return earliest;
}

/** Whole days since the key was born (0 for a key born today or dated in the future). */
export function rotationAgeDays(key: KeyAgeFacts, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - keyBornAt(key).getTime()) / DAY_MS));
}
