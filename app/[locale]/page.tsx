import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CampaignPage, campaignMetadata } from "@/components/campaign/CampaignPage";
import { findDefaultCampaign } from "@/lib/campaigns/campaigns";
import { campaignLinkPreview, campaignPageData } from "@/lib/campaigns/page-data";
import { pageLocale } from "@/lib/i18n/page-locale";

// Served from the cache and rendered again at most every 5 seconds, whatever the query string
// (?ref=, utm_*): the page reads nothing of the request (docs/decisions/040-campaign-pages-from-the-cache.md).
export const revalidate = 5;

/** Nothing is rendered at build time (there is no database then): each locale on its first view. */
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const campaign = await findDefaultCampaign(locale);
  return campaign ? campaignMetadata(campaign, await campaignLinkPreview(campaign, locale)) : {};
}

export default async function HomePage({ params }: Props) {
  const locale = await pageLocale(params);
  const campaign = await findDefaultCampaign(locale);
  if (!campaign) notFound();
  return <CampaignPage campaign={campaign} locale={locale} {...await campaignPageData(campaign, locale)} />;
}
