import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { setRequestLocale } from "next-intl/server";
import { CampaignPage, campaignMetadata } from "@/components/campaign/CampaignPage";
import { findCampaign } from "@/lib/campaigns/campaigns";
import { campaignProgress, publicSigners } from "@/lib/campaigns/page-data";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ locale: string; slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const campaign = await findCampaign((await params).slug);
  return campaign ? campaignMetadata(campaign) : {};
}

export default async function CampaignBySlugPage({ params }: Props) {
  const { locale, slug } = await params;
  setRequestLocale(locale);
  const campaign = await findCampaign(slug);
  if (!campaign) notFound();
  const [progress, signers] = await Promise.all([campaignProgress(campaign), publicSigners(campaign, locale)]);
  return <CampaignPage campaign={campaign} locale={locale} progress={progress} signers={signers} />;
}
