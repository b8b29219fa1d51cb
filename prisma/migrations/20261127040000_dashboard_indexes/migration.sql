-- CreateIndex
CREATE INDEX "Signature_campaignId_status_country_idx" ON "Signature"("campaignId", "status", "country");

-- CreateIndex
CREATE INDEX "Signature_campaignId_status_source_partnerId_utmSource_idx" ON "Signature"("campaignId", "status", "source", "partnerId", "utmSource");

-- CreateIndex
CREATE INDEX "Signature_campaignId_status_referredById_idx" ON "Signature"("campaignId", "status", "referredById");

-- CreateIndex
CREATE INDEX "Consent_scope_withdrawnAt_signatureId_idx" ON "Consent"("scope", "withdrawnAt", "signatureId");

