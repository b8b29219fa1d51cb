import type { Metadata } from "next";
import { pageLocale } from "@/lib/i18n/page-locale";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { findCampaign } from "@/lib/campaigns/campaigns";
import { localePath } from "@/lib/i18n/urls";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ locale: string; slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "CheckEmail" });
  return { title: t("title"), robots: { index: false } };
}

export default async function CheckEmailPage({ params }: Props) {
  const locale = await pageLocale(params);
  const { slug } = await params;
  const campaign = await findCampaign(slug);
  if (!campaign) notFound();
  const t = await getTranslations("CheckEmail");
  return (
    <main id="main" className="narrow">
      <p className="eyebrow">{campaign.title}</p>
      <h1>{t("title")}</h1>
      <p className="lead">{t("body")}</p>
      <p>{t("noMail")}</p>
      <p>
        <a href={localePath(`/c/${campaign.slug}`, locale)}>{t("back")}</a>
      </p>
    </main>
  );
}
