-- CreateTable
CREATE TABLE "FindingTransition" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "findingId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "fromState" TEXT NOT NULL,
    "toState" TEXT NOT NULL,
    "reason" TEXT,
    "until" DATETIME,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "FindingTransition_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Finding" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ruleId" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "severityRank" INTEGER NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "certificateId" TEXT,
    "keyId" TEXT,
    "signerId" TEXT,
    "message" TEXT NOT NULL,
    "evidenceJson" TEXT NOT NULL DEFAULT '{}',
    "threshold" TEXT,
    "firstSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" DATETIME,
    "state" TEXT NOT NULL DEFAULT 'open',
    "resolvedBy" TEXT,
    "triageReason" TEXT,
    "acceptedUntil" DATETIME,
    "triagedAt" DATETIME,
    "triagedById" TEXT
);
-- Carry the lifecycle over: a resolved finding was resolved by the engine (the only resolver so
-- far); a running or lapsed suppression becomes a risk acceptance (a lapsed one counts as open and
-- the findings job ends it, with a timeline entry).
INSERT INTO "new_Finding" ("certificateId", "evidenceJson", "firstSeenAt", "id", "keyId", "lastSeenAt", "message", "resolvedAt", "ruleId", "severity", "severityRank", "signerId", "subjectId", "subjectType", "threshold", "state", "resolvedBy", "triageReason", "acceptedUntil", "triagedAt", "triagedById")
SELECT "certificateId", "evidenceJson", "firstSeenAt", "id", "keyId", "lastSeenAt", "message", "resolvedAt", "ruleId", "severity", "severityRank", "signerId", "subjectId", "subjectType", "threshold",
  CASE WHEN "resolvedAt" IS NOT NULL THEN 'resolved' WHEN "suppressedUntil" IS NOT NULL THEN 'risk-accepted' ELSE 'open' END,
  CASE WHEN "resolvedAt" IS NOT NULL THEN 'engine' END,
  CASE WHEN "resolvedAt" IS NULL AND "suppressedUntil" IS NOT NULL THEN "suppressionReason" END,
  CASE WHEN "resolvedAt" IS NULL THEN "suppressedUntil" END,
  CASE WHEN "resolvedAt" IS NULL AND "suppressedUntil" IS NOT NULL THEN "suppressedAt" END,
  CASE WHEN "resolvedAt" IS NULL AND "suppressedUntil" IS NOT NULL THEN "suppressedById" END
FROM "Finding";
-- each carried acceptance starts the finding's timeline
INSERT INTO "FindingTransition" ("id", "findingId", "action", "fromState", "toState", "reason", "until", "actorType", "actorId", "actorLabel", "at")
SELECT 'm' || "id", "id", 'accept-risk', 'open', 'risk-accepted', "suppressionReason", "suppressedUntil",
  CASE WHEN "suppressedById" IS NULL THEN 'system' ELSE 'user' END, "suppressedById",
  (SELECT u."email" FROM "User" u WHERE u."id" = "Finding"."suppressedById"), COALESCE("suppressedAt", "lastSeenAt")
FROM "Finding" WHERE "resolvedAt" IS NULL AND "suppressedUntil" IS NOT NULL;
DROP TABLE "Finding";
ALTER TABLE "new_Finding" RENAME TO "Finding";
CREATE INDEX "Finding_resolvedAt_severityRank_idx" ON "Finding"("resolvedAt", "severityRank");
CREATE INDEX "Finding_resolvedAt_severityRank_lastSeenAt_idx" ON "Finding"("resolvedAt", "severityRank", "lastSeenAt");
CREATE INDEX "Finding_resolvedAt_ruleId_severity_state_acceptedUntil_idx" ON "Finding"("resolvedAt", "ruleId", "severity", "state", "acceptedUntil");
CREATE INDEX "Finding_state_acceptedUntil_idx" ON "Finding"("state", "acceptedUntil");
CREATE INDEX "Finding_subjectType_subjectId_idx" ON "Finding"("subjectType", "subjectId");
CREATE INDEX "Finding_certificateId_idx" ON "Finding"("certificateId");
CREATE INDEX "Finding_signerId_idx" ON "Finding"("signerId");
CREATE INDEX "Finding_keyId_idx" ON "Finding"("keyId");
CREATE UNIQUE INDEX "Finding_ruleId_subjectType_subjectId_key" ON "Finding"("ruleId", "subjectType", "subjectId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "FindingTransition_findingId_at_idx" ON "FindingTransition"("findingId", "at");
