-- CreateIndex: the integration API's incremental sync reads the campaign's signatures by modified_date (ADR 055)
CREATE INDEX "Signature_campaignId_updatedAt_idx" ON "Signature"("campaignId", "updatedAt");
