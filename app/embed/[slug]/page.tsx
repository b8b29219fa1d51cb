import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { setRequestLocale } from "next-intl/server";
import { EmbedView } from "@/components/embed/EmbedView";
import { findCampaign } from "@/lib/campaigns/campaigns";
import { campaignProgress } from "@/lib/campaigns/page-data";
import { routing } from "@/lib/i18n/routing";

// Served from the cache like the campaign pages (app/[locale]/page.tsx). /embed/<slug>?partner=<p>
// is rewritten to app/embed/[slug]/p/[partner] (next.config.ts).
export const revalidate = 5;

export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const campaign = await findCampaign((await params).slug);
  return campaign ? { title: campaign.title } : {};
}

export default async function EmbedPage({ params }: Props) {
  const locale = routing.defaultLocale;
  setRequestLocale(locale);
  const campaign = await findCampaign((await params).slug);
  if (!campaign) notFound();
  return <EmbedView campaign={campaign} locale={locale} progress={await campaignProgress(campaign)} />;
}
