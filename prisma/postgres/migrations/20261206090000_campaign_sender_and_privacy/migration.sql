-- AlterTable: who runs the campaign, from content: the emails' sender name, the organisation
-- responsible for the data, the privacy contact and the privacy notice (ADR 056). Loaded from
-- content/ at every start: the defaults only fill rows until then.
ALTER TABLE "Campaign" ADD COLUMN     "senderName" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "controller" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "privacyContact" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "privacyNotice" TEXT NOT NULL DEFAULT '';
