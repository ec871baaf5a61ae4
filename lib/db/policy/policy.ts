import type { DbOrTx, Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/sql";
import { onDriver } from "@/lib/db/driver";
import { readPage, type Page } from "@/lib/db/inventory/common";
import { defaultPolicy, mergePolicy, type FindingsPolicy, type FindingsPolicyOverrides } from "@/lib/domain/policy";
import { diffPolicies, type PolicyChange } from "@/lib/domain/policy-diff";

// The stored, versioned policy. Each saved edit is a new PolicyVersion row (1, 2, …); the highest
// is in force; version 0 (no row) is the built-in defaults. A row holds the policy document (the
// overrides of the defaults, findingsPolicyOverridesSchema), so a later default the document does
// not mention still applies. Rows are never changed, so a version's merged policy is cached.

export type CurrentPolicy = { version: number; document: FindingsPolicyOverrides; policy: FindingsPolicy };

const versionSelect = {
  version: true,
  documentJson: true,
  comment: true,
  createdByLabel: true,
  createdAt: true,
} as const;
type StoredVersion = Prisma.PolicyVersionGetPayload<{ select: typeof versionSelect }>;

/** A stored version with its document parsed. */
export type PolicyVersionRow = Omit<StoredVersion, "documentJson"> & { document: FindingsPolicyOverrides };

const DEFAULTS: CurrentPolicy = { version: 0, document: {}, policy: defaultPolicy };
const merged = new Map<string, CurrentPolicy>();

function toCurrent(version: number, documentJson: string): CurrentPolicy {
  // keyed by the text too: a test database may reuse a version number with another document
  const key = `${version}:${documentJson}`;
  let found = merged.get(key);
  if (!found) {
    const document = JSON.parse(documentJson) as FindingsPolicyOverrides;
    found = { version, document, policy: mergePolicy(defaultPolicy, document) };
    if (merged.size > 100) merged.clear();
    merged.set(key, found);
  }
  return found;
}

/** FROM … of the row in force (the highest version), for a read that takes the policy with it. */
export const CURRENT_POLICY_ROW = `FROM "PolicyVersion" ORDER BY "version" DESC LIMIT 1`;

/** The policy in force: the newest stored version merged onto the defaults (version 0 if none). */
export async function loadCurrentPolicy(db: DbOrTx): Promise<CurrentPolicy> {
  // raw, on the driver: the release gate reads it on every decision (lib/db/driver.ts); read every
  // time, not cached, so a saved version is in force for the next decision on every instance
  const rows = await onDriver(db).$queryRawUnsafe<{ version: unknown; documentJson: string }[]>(
    `SELECT "version", "documentJson" ${CURRENT_POLICY_ROW}`,
  );
  return currentPolicyOf(rows[0] ? { version: Number(rows[0].version), documentJson: rows[0].documentJson } : null);
}

let lastRead: CurrentPolicy = DEFAULTS;

/**
 * The policy in force from its row as a read took it with other facts (CURRENT_POLICY_ROW; null: no
 * row, the defaults).
 */
export function currentPolicyOf(row: { version: number; documentJson: string } | null): CurrentPolicy {
  lastRead = row ? toCurrent(row.version, row.documentJson) : DEFAULTS;
  return lastRead;
}

/**
 * The policy this process read last: a guess for a read that needs a policy value before it has
 * read the policy (the gate's findings' minimum severity), to be checked against the policy the
 * read returns, never a substitute for it.
 */
export function lastReadPolicy(): CurrentPolicy {
  return lastRead;
}

function toRow(r: StoredVersion): PolicyVersionRow {
  const { documentJson, ...rest } = r;
  return { ...rest, document: JSON.parse(documentJson) as FindingsPolicyOverrides };
}

/** Every stored version, newest first. */
export async function listPolicyVersions(db: DbOrTx, options: { take?: number } = {}): Promise<PolicyVersionRow[]> {
  const rows = await db.policyVersion.findMany({
    orderBy: { version: "desc" },
    select: versionSelect,
    take: options.take ?? 200,
  });
  return rows.map(toRow);
}

/** A saved version as the policy page's list sends it: what it changed against the version before. */
export type PolicyVersionListRow = Omit<PolicyVersionRow, "createdAt"> & {
  id: string;
  createdAt: string;
  changes: PolicyChange[];
};

/**
 * The policy page's versions (and GET /api/v1/policy/versions' rows), newest first, each with its
 * changes against the version before (one row past the page is read for the last row's diff;
 * version 1 is diffed against the defaults).
 */
export async function listPolicyVersionPage(
  db: DbOrTx,
  f: { page: number; pageSize: number },
): Promise<Page<PolicyVersionListRow>> {
  const page = await readPage(f, {
    rows: ({ skip, take }) =>
      db.policyVersion.findMany({ orderBy: { version: "desc" }, select: versionSelect, skip, take: take + 1 }),
    count: () => db.policyVersion.count(),
  });
  const read = page.rows.map(toRow);
  const rows = read.slice(0, f.pageSize).map((v, i) => ({
    ...v,
    id: String(v.version),
    createdAt: v.createdAt.toISOString(),
    changes: diffPolicies(
      mergePolicy(defaultPolicy, read[i + 1]?.document ?? {}),
      mergePolicy(defaultPolicy, v.document),
    ),
  }));
  return { ...page, rows };
}

/** One stored version and the one before it (version 0: the defaults), for a diff. */
export async function findPolicyVersion(
  db: DbOrTx,
  version: number,
): Promise<{ current: PolicyVersionRow; previous: { version: number; document: FindingsPolicyOverrides } } | null> {
  const rows = await db.policyVersion.findMany({
    where: { version: { lte: version } },
    orderBy: { version: "desc" },
    select: versionSelect,
    take: 2,
  });
  if (rows[0]?.version !== version) return null;
  const current = toRow(rows[0]);
  const previous = rows[1] ? toRow(rows[1]) : { version: 0, document: {} };
  return { current, previous };
}

/** Stores the next version; the unique version number refuses a concurrent save of the same one. */
export async function insertPolicyVersion(
  tx: Tx,
  input: {
    document: FindingsPolicyOverrides;
    comment: string | null;
    createdById: string | null;
    createdByLabel: string;
    at: Date;
  },
): Promise<number> {
  const last = await tx.policyVersion.findFirst({ orderBy: { version: "desc" }, select: { version: true } });
  const version = (last?.version ?? 0) + 1;
  await tx.policyVersion.create({
    data: {
      version,
      documentJson: JSON.stringify(input.document),
      comment: input.comment,
      createdById: input.createdById,
      createdByLabel: input.createdByLabel,
      createdAt: input.at,
    },
  });
  return version;
}
