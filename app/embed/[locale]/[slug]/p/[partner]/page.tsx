import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EmbedView } from "@/components/embed/EmbedView";
import { findCampaign } from "@/lib/campaigns/campaigns";
import { campaignProgress } from "@/lib/campaigns/page-data";
import { pageLocale } from "@/lib/i18n/page-locale";

// A partner's embed (/embed/<slug>?partner=<p>, rewritten here by next.config.ts): the same cached
// page as app/embed/[locale]/[slug], with that partner's box first and the partner in the form.
export const revalidate = 5;

export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ locale: string; slug: string; partner: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const campaign = await findCampaign((await params).slug, locale);
  return campaign ? { title: campaign.title } : {};
}

export default async function PartnerEmbedPage({ params }: Props) {
  const locale = await pageLocale(params);
  const { slug, partner } = await params;
  const campaign = await findCampaign(slug, locale);
  if (!campaign) notFound();
  return <EmbedView campaign={campaign} locale={locale} progress={await campaignProgress(campaign)} partnerSlug={partner} />;
}
