-- DropIndex
DROP INDEX "Finding_resolvedAt_severityRank_lastSeenAt_idx";

-- CreateIndex
CREATE INDEX "Finding_resolvedAt_severityRank_lastSeenAt_id_idx" ON "Finding"("resolvedAt", "severityRank", "lastSeenAt", "id" DESC);
