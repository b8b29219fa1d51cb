import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EmbedView } from "@/components/embed/EmbedView";
import { findCampaign } from "@/lib/campaigns/campaigns";
import { campaignProgress } from "@/lib/campaigns/page-data";
import { pageLocale } from "@/lib/i18n/page-locale";

// Served from the cache like the campaign pages (app/[locale]/page.tsx). /embed/<slug> and
// /<locale>/embed/<slug> are rewritten here, and with ?partner=<p> to ./p/[partner] (next.config.ts).
export const revalidate = 5;

export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ locale: string; slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const campaign = await findCampaign((await params).slug, locale);
  return campaign ? { title: campaign.title } : {};
}

export default async function EmbedPage({ params }: Props) {
  const locale = await pageLocale(params);
  const campaign = await findCampaign((await params).slug, locale);
  if (!campaign) notFound();
  return <EmbedView campaign={campaign} locale={locale} progress={await campaignProgress(campaign)} />;
}
