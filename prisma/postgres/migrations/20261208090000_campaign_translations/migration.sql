-- CreateTable: the campaign's copy in each locale other than its original (ADR 059), from content.
CREATE TABLE "CampaignTranslation" (
    "campaignId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "callToAction" TEXT NOT NULL,
    "demandsIntro" TEXT NOT NULL,
    "demands" TEXT NOT NULL,
    "context" TEXT NOT NULL,
    "letterBody" TEXT NOT NULL,
    "privacyNotice" TEXT NOT NULL,
    "translatedFrom" TEXT NOT NULL,
    "reviewed" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CampaignTranslation_pkey" PRIMARY KEY ("campaignId","locale")
);

-- AddForeignKey
ALTER TABLE "CampaignTranslation" ADD CONSTRAINT "CampaignTranslation_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;
