-- CreateIndex
CREATE INDEX "Certificate_notAfter_revocationStatus_isCA_idx" ON "Certificate"("notAfter", "revocationStatus", "isCA");

-- CreateIndex
CREATE INDEX "Finding_resolvedAt_severityRank_lastSeenAt_idx" ON "Finding"("resolvedAt", "severityRank", "lastSeenAt");

-- CreateIndex
CREATE INDEX "Finding_resolvedAt_ruleId_severity_suppressedUntil_idx" ON "Finding"("resolvedAt", "ruleId", "severity", "suppressedUntil");

-- CreateIndex
CREATE INDEX "Signer_platform_idx" ON "Signer"("platform");
