import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { CampaignPage, campaignMetadata } from "@/components/campaign/CampaignPage";
import { findCampaign } from "@/lib/campaigns/campaigns";
import { campaignProgress, publicSigners } from "@/lib/campaigns/page-data";
import { pageLocale } from "@/lib/i18n/page-locale";
import { isLocale, routing } from "@/lib/i18n/routing";
import { attributionFields } from "@/lib/sharing/attribution";
import { landingAttribution } from "@/lib/sharing/landing";
import { linkPreview } from "@/lib/sharing/preview";
import { shareSet } from "@/lib/sharing/share-links";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ locale: string; slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, locale } = await params;
  const campaign = await findCampaign(slug);
  if (!campaign) return {};
  const { count } = await campaignProgress(campaign);
  return campaignMetadata(campaign, linkPreview(campaign, count, isLocale(locale) ? locale : routing.defaultLocale));
}

export default async function CampaignBySlugPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const { slug } = await params;
  const campaign = await findCampaign(slug);
  if (!campaign) notFound();
  const [progress, signers] = await Promise.all([campaignProgress(campaign), publicSigners(campaign, locale)]);
  const attribution = landingAttribution(await searchParams, await headers());
  return (
    <CampaignPage
      campaign={campaign}
      locale={locale}
      progress={progress}
      signers={signers}
      hiddenFields={attributionFields(attribution)}
      share={shareSet(campaign, locale)}
    />
  );
}
