import type { Metadata } from "next";
import { pageLocale } from "@/lib/i18n/page-locale";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SharePanel } from "@/components/share/SharePanel";
import { SentTo } from "@/components/sign/SentTo";
import { findCampaign } from "@/lib/campaigns/campaigns";
import { localePath } from "@/lib/i18n/urls";
import { shareSet } from "@/lib/sharing/share-links";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ locale: string; slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "CheckEmail" });
  return { title: t("title"), robots: { index: false } };
}

// Which address the email went to (from this tab's sessionStorage, never the URL), what to do when
// nothing arrives, and a share prompt whose texts ask others to sign: nothing is counted yet (ADR 057).
export default async function CheckEmailPage({ params }: Props) {
  const locale = await pageLocale(params);
  const { slug } = await params;
  const campaign = await findCampaign(slug, locale);
  if (!campaign) notFound();
  const t = await getTranslations("CheckEmail");
  const steps = t.raw("noMailSteps") as string[];
  return (
    <main id="main" className="narrow">
      <p className="eyebrow">{campaign.title}</p>
      <h1>{t("title")}</h1>
      <p className="lead">{t("body")}</p>
      <SentTo template={t.raw("sentTo") as string} unknown={t("sentToUnknown")} />
      <section aria-labelledby="no-mail-heading">
        <h2 id="no-mail-heading">{t("noMailHeading")}</h2>
        <ul>
          {steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ul>
        <p>{t("wrongAddress")}</p>
      </section>
      <SharePanel share={shareSet(campaign, locale, null, false)} variant="waiting" />
      <p>
        <a href={localePath(`/c/${campaign.slug}`, locale)}>{t("back")}</a>
      </p>
    </main>
  );
}
