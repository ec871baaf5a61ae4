import { z } from "zod";
import { CREDENTIAL_TYPES, PLATFORMS, SIGNER_KINDS, SIGNER_STATUSES } from "@/lib/domain/signer-input";
import type { SignerListFilters } from "@/lib/db/signers/list";

// The signer list's filters as URL query parameters, shared by the page and GET /api/v1/signers.

const empty = (v: unknown) => (v === "" ? undefined : v);

export const signerListQuery = z.object({
  q: z.preprocess(empty, z.string().trim().max(200).optional()),
  status: z.preprocess(empty, z.enum(SIGNER_STATUSES).optional()),
  kind: z.preprocess(empty, z.enum(SIGNER_KINDS).optional()),
  platform: z.preprocess(empty, z.enum(PLATFORMS).optional()),
  credentialType: z.preprocess(empty, z.enum(CREDENTIAL_TYPES).optional()),
  team: z.preprocess(empty, z.string().max(100).optional()),
  owner: z.preprocess(empty, z.string().max(100).optional()),
  environment: z.preprocess(empty, z.string().trim().max(63).optional()),
  orphaned: z.preprocess(empty, z.enum(["1", "true", "0", "false"]).optional()),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export type SignerListQuery = z.infer<typeof signerListQuery>;

export function toSignerFilters(q: SignerListQuery): SignerListFilters {
  return {
    q: q.q,
    status: q.status,
    kind: q.kind,
    platform: q.platform,
    credentialType: q.credentialType,
    teamId: q.team,
    ownerId: q.owner,
    environment: q.environment,
    isOrphaned: q.orphaned === "1" || q.orphaned === "true",
  };
}
