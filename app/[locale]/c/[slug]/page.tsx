import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CampaignPage, campaignMetadata } from "@/components/campaign/CampaignPage";
import { findCampaign } from "@/lib/campaigns/campaigns";
import { campaignLinkPreview, campaignPageData } from "@/lib/campaigns/page-data";
import { pageLocale } from "@/lib/i18n/page-locale";

// Served from the cache like the home page (see app/[locale]/page.tsx).
export const revalidate = 5;

export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ locale: string; slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const campaign = await findCampaign((await params).slug, locale);
  return campaign ? campaignMetadata(campaign, await campaignLinkPreview(campaign, locale)) : {};
}

export default async function CampaignBySlugPage({ params }: Props) {
  const locale = await pageLocale(params);
  const campaign = await findCampaign((await params).slug, locale);
  if (!campaign) notFound();
  return <CampaignPage campaign={campaign} locale={locale} {...await campaignPageData(campaign, locale)} />;
}
