import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PrivacyNotice, privacyMetadata } from "@/components/campaign/PrivacyNotice";
import { findCampaign } from "@/lib/campaigns/campaigns";
import { privacyNoticeMarkdown } from "@/lib/campaigns/privacy";
import { pageLocale } from "@/lib/i18n/page-locale";

// Each campaign's privacy notice, served from the cache like /privacy (see app/[locale]/privacy/page.tsx).
export const revalidate = 60;

export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ locale: string; slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const campaign = await findCampaign((await params).slug, locale);
  return campaign ? privacyMetadata(campaign, locale, await getTranslations({ locale, namespace: "Privacy" })) : {};
}

export default async function CampaignPrivacyPage({ params }: Props) {
  const locale = await pageLocale(params);
  const campaign = await findCampaign((await params).slug, locale);
  if (!campaign) notFound();
  return <PrivacyNotice campaign={campaign} locale={locale} markdown={privacyNoticeMarkdown(campaign, locale)} />;
}
