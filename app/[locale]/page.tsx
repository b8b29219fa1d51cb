import type { Metadata } from "next";
import { pageLocale } from "@/lib/i18n/page-locale";
import { notFound } from "next/navigation";
import { CampaignPage, campaignMetadata } from "@/components/campaign/CampaignPage";
import { findDefaultCampaign } from "@/lib/campaigns/campaigns";
import { campaignProgress, publicSigners } from "@/lib/campaigns/page-data";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const campaign = await findDefaultCampaign();
  return campaign ? campaignMetadata(campaign) : {};
}

export default async function HomePage({ params }: Props) {
  const locale = await pageLocale(params);
  const campaign = await findDefaultCampaign();
  if (!campaign) notFound();
  const [progress, signers] = await Promise.all([campaignProgress(campaign), publicSigners(campaign, locale)]);
  return <CampaignPage campaign={campaign} locale={locale} progress={progress} signers={signers} />;
}
