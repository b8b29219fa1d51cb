-- ADR 052: the per-address mail cap counts capKey (the inbox, +tags stripped), the global mail
-- budget counts mail sent in the last hour and mail being sent, and burst detection counts a
-- campaign's recent signatures by client hash and by email domain. Rows queued before this
-- migration have no capKey and are not counted by the cap (at most an hour after the upgrade).

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "capKey" TEXT;

-- AlterTable
ALTER TABLE "Signature" ADD COLUMN "clientHash" TEXT;
ALTER TABLE "Signature" ADD COLUMN "emailDomain" TEXT;

-- CreateIndex
CREATE INDEX "OutboxMessage_capKey_createdAt_idx" ON "OutboxMessage"("capKey", "createdAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_sentAt_idx" ON "OutboxMessage"("status", "sentAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_lockedUntil_idx" ON "OutboxMessage"("status", "lockedUntil");

-- CreateIndex
CREATE INDEX "Signature_clientHash_campaignId_createdAt_idx" ON "Signature"("clientHash", "campaignId", "createdAt");

-- CreateIndex
CREATE INDEX "Signature_campaignId_emailDomain_createdAt_idx" ON "Signature"("campaignId", "emailDomain", "createdAt");
