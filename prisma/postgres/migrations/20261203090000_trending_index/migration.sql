-- CreateIndex: the dashboard's trending list reads only the campaign's signatures of the window (ADR 052)
CREATE INDEX "Signature_campaignId_createdAt_idx" ON "Signature"("campaignId", "createdAt");
