import type { Db } from "@/lib/db/client";
import { loadCertificateInputs } from "@/lib/db/findings/inputs/certificates";
import { newEvaluationCache } from "@/lib/db/findings/inputs/context";
import { certificateProfile, type ProfileChoice } from "@/lib/domain/findings";
import { defaultPolicy, type FindingsPolicy } from "@/lib/domain/policy";

/**
 * The profile a stored certificate is judged by and why (the certificate page shows it): the
 * same input and choice the findings engine uses. null when no such certificate.
 */
export async function certificateProfileOf(
  db: Db,
  certificateId: string,
  options: { now?: Date; policy?: FindingsPolicy } = {},
): Promise<ProfileChoice | null> {
  const now = options.now ?? new Date();
  const [input] = await loadCertificateInputs(db, { ids: [certificateId] }, { now, cache: newEvaluationCache() });
  return input ? certificateProfile(input, { now, policy: options.policy ?? defaultPolicy }) : null;
}
