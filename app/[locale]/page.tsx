import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { CampaignPage, campaignMetadata } from "@/components/campaign/CampaignPage";
import { findDefaultCampaign } from "@/lib/campaigns/campaigns";
import { campaignLinkPreview, campaignPageData } from "@/lib/campaigns/page-data";
import { pageLocale } from "@/lib/i18n/page-locale";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const campaign = await findDefaultCampaign();
  return campaign ? campaignMetadata(campaign, await campaignLinkPreview(campaign, locale)) : {};
}

export default async function HomePage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const campaign = await findDefaultCampaign();
  if (!campaign) notFound();
  const data = await campaignPageData(campaign, locale, await searchParams, await headers());
  return <CampaignPage campaign={campaign} locale={locale} {...data} />;
}
