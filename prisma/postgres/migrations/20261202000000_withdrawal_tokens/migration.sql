-- CreateTable: the signer's withdrawal links, stored hashed (ADR 053)
CREATE TABLE "WithdrawalToken" (
    "id" TEXT NOT NULL,
    "signatureId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WithdrawalToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WithdrawalToken_tokenHash_key" ON "WithdrawalToken"("tokenHash");

-- CreateIndex
CREATE INDEX "WithdrawalToken_signatureId_idx" ON "WithdrawalToken"("signatureId");

-- AddForeignKey
ALTER TABLE "WithdrawalToken" ADD CONSTRAINT "WithdrawalToken_signatureId_fkey" FOREIGN KEY ("signatureId") REFERENCES "Signature"("id") ON DELETE CASCADE ON UPDATE CASCADE;
