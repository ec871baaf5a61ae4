-- DropIndex
DROP INDEX "Finding_resolvedAt_ruleId_severity_suppressedUntil_idx";

-- AlterTable
ALTER TABLE "Finding" ADD COLUMN     "acceptedUntil" TIMESTAMP(3),
ADD COLUMN     "resolvedBy" TEXT,
ADD COLUMN     "state" TEXT NOT NULL DEFAULT 'open',
ADD COLUMN     "triageReason" TEXT,
ADD COLUMN     "triagedAt" TIMESTAMP(3),
ADD COLUMN     "triagedById" TEXT;

-- CreateTable
CREATE TABLE "FindingTransition" (
    "id" TEXT NOT NULL,
    "findingId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "fromState" TEXT NOT NULL,
    "toState" TEXT NOT NULL,
    "reason" TEXT,
    "until" TIMESTAMP(3),
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FindingTransition_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FindingTransition_findingId_at_idx" ON "FindingTransition"("findingId", "at");

-- CreateIndex
CREATE INDEX "Finding_resolvedAt_ruleId_severity_state_acceptedUntil_idx" ON "Finding"("resolvedAt", "ruleId", "severity", "state", "acceptedUntil");

-- CreateIndex
CREATE INDEX "Finding_state_acceptedUntil_idx" ON "Finding"("state", "acceptedUntil");

-- AddForeignKey
ALTER TABLE "FindingTransition" ADD CONSTRAINT "FindingTransition_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Carry the lifecycle over: a resolved finding was resolved by the engine (the only resolver so
-- far); a running or lapsed suppression becomes a risk acceptance (a lapsed one counts as open and
-- the findings job ends it, with a timeline entry).
UPDATE "Finding" SET "state" = 'resolved', "resolvedBy" = 'engine' WHERE "resolvedAt" IS NOT NULL;
UPDATE "Finding" SET "state" = 'risk-accepted', "triageReason" = "suppressionReason", "acceptedUntil" = "suppressedUntil",
  "triagedAt" = "suppressedAt", "triagedById" = "suppressedById"
WHERE "resolvedAt" IS NULL AND "suppressedUntil" IS NOT NULL;
-- each carried acceptance starts the finding's timeline
INSERT INTO "FindingTransition" ("id", "findingId", "action", "fromState", "toState", "reason", "until", "actorType", "actorId", "actorLabel", "at")
SELECT 'm' || f."id", f."id", 'accept-risk', 'open', 'risk-accepted', f."suppressionReason", f."suppressedUntil",
  CASE WHEN f."suppressedById" IS NULL THEN 'system' ELSE 'user' END, f."suppressedById",
  (SELECT u."email" FROM "User" u WHERE u."id" = f."suppressedById"), COALESCE(f."suppressedAt", f."lastSeenAt")
FROM "Finding" f WHERE f."resolvedAt" IS NULL AND f."suppressedUntil" IS NOT NULL;

-- AlterTable
ALTER TABLE "Finding" DROP COLUMN "suppressedAt",
DROP COLUMN "suppressedById",
DROP COLUMN "suppressedUntil",
DROP COLUMN "suppressionReason";
