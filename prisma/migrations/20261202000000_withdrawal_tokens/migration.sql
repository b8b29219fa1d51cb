-- CreateTable: the signer's withdrawal links, stored hashed (ADR 053)
CREATE TABLE "WithdrawalToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "signatureId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WithdrawalToken_signatureId_fkey" FOREIGN KEY ("signatureId") REFERENCES "Signature" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "WithdrawalToken_tokenHash_key" ON "WithdrawalToken"("tokenHash");

-- CreateIndex
CREATE INDEX "WithdrawalToken_signatureId_idx" ON "WithdrawalToken"("signatureId");
