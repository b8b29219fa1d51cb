import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PrivacyNotice, privacyMetadata } from "@/components/campaign/PrivacyNotice";
import { findDefaultCampaign } from "@/lib/campaigns/campaigns";
import { privacyNoticeMarkdown } from "@/lib/campaigns/privacy";
import { pageLocale } from "@/lib/i18n/page-locale";

// The default campaign's privacy notice, the one the footer, the form and the emails link to.
// Served from the cache like the campaign pages (docs/decisions/040-campaign-pages-from-the-cache.md):
// it reads nothing of the request, so a view costs no database read; it changes only when content
// is loaded. ADR 056.
export const revalidate = 60;

/** Nothing is rendered at build time (there is no database then): each locale on its first view. */
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const campaign = await findDefaultCampaign(locale);
  return campaign ? privacyMetadata(campaign, locale, await getTranslations({ locale, namespace: "Privacy" })) : {};
}

export default async function PrivacyPage({ params }: Props) {
  const locale = await pageLocale(params);
  const campaign = await findDefaultCampaign(locale);
  if (!campaign) notFound();
  return <PrivacyNotice campaign={campaign} locale={locale} markdown={privacyNoticeMarkdown(campaign, locale)} />;
}
