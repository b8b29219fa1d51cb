import type { Metadata } from "next";
import { pageLocale } from "@/lib/i18n/page-locale";
import { notFound } from "next/navigation";
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
  const locale = await pageLocale(params);
  const { slug } = await params;
  const campaign = await findCampaign(slug);
  if (!campaign) notFound();
  const [progress, signers] = await Promise.all([campaignProgress(campaign), publicSigners(campaign, locale)]);
  return <CampaignPage campaign={campaign} locale={locale} progress={progress} signers={signers} />;
}
