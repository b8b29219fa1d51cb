-- AlterTable: the joint letter's date and the address where it was published, from content
-- (ADR 057): shown in the campaign page's trust band. Null until content sets them.
ALTER TABLE "Campaign" ADD COLUMN "letterDate" TEXT;
ALTER TABLE "Campaign" ADD COLUMN "letterUrl" TEXT;
