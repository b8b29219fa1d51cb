import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { findCampaign } from "@/lib/campaigns/campaigns";
import { pageLocale } from "@/lib/i18n/page-locale";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ locale: string; slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: await pageLocale(params), namespace: "CheckEmail" });
  return { title: t("title") };
}

/** The embed's "check your inbox" step, kept inside the partner's iframe. */
export default async function EmbedCheckEmailPage({ params }: Props) {
  const locale = await pageLocale(params);
  const campaign = await findCampaign((await params).slug, locale);
  if (!campaign) notFound();
  const t = await getTranslations({ locale, namespace: "CheckEmail" });
  return (
    <main id="main" className="embed-main">
      <p className="eyebrow">{campaign.title}</p>
      <h1 className="embed-title">{t("title")}</h1>
      <p className="lead">{t("body")}</p>
      <p>{t("noMail")}</p>
    </main>
  );
}
