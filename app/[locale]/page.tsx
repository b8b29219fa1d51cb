import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { setRequestLocale } from "next-intl/server";
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
  const { locale } = await params;
  setRequestLocale(locale);
  const campaign = await findDefaultCampaign();
  if (!campaign) notFound();
  const [progress, signers] = await Promise.all([campaignProgress(campaign), publicSigners(campaign, locale)]);
  return <CampaignPage campaign={campaign} locale={locale} progress={progress} signers={signers} />;
}
