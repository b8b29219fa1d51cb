-- AlterTable: the confirmation a renewal cleared, so the API keeps showing the signature as a tombstone (ADR 055)
ALTER TABLE "Signature" ADD COLUMN "previouslyConfirmedAt" DATETIME;
