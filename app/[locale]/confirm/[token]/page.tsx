import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SignatureCounter } from "@/components/campaign/SignatureCounter";
import { ConfirmForm } from "@/components/confirm/ConfirmForm";
import { findCampaign } from "@/lib/campaigns/campaigns";
import { campaignProgress } from "@/lib/campaigns/page-data";
import { SharePanel } from "@/components/share/SharePanel";
import { localePath } from "@/lib/i18n/urls";
import { pageLocale } from "@/lib/i18n/page-locale";
import { lookupConfirmation } from "@/lib/signatures/confirm";
import { shareSet } from "@/lib/sharing/share-links";
import { isolated } from "@/lib/i18n/isolate";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ locale: string; token: string }>;
  searchParams: Promise<{ confirmed?: string }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "Confirm" });
  return { title: t("title"), robots: { index: false, follow: false }, referrer: "same-origin" };
}

export default async function ConfirmPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const { token } = await params;
  const justConfirmed = (await searchParams).confirmed === "1";
  const t = await getTranslations("Confirm");
  // Reading only: link scanners fetch this page; only the button's POST confirms.
  const { state, campaign, referralCode, firstName } = await lookupConfirmation(token, locale);
  // The count that includes this signature: campaign pages may be a few seconds behind.
  const confirmedCampaign = state === "confirmed" && campaign ? await findCampaign(campaign.slug, locale) : null;
  const progress = confirmedCampaign ? await campaignProgress(confirmedCampaign) : null;
  const message = {
    confirmed: justConfirmed ? t("confirmed") : t("alreadyConfirmed"),
    invalid: t("invalid"),
    expired: t("expired"),
    closed: t("closed"),
    pending: null,
  }[state];
  return (
    <main id="main" className="narrow">
      {campaign && <p className="eyebrow">{campaign.title}</p>}
      {/* Once confirmed, a success state: the signer by name, the live count, big share buttons (ADR 057). */}
      <h1>{state === "confirmed" ? (firstName ? isolated((v) => t("thanks", v), { name: firstName }) : t("thanksNoName")) : t("title")}</h1>
      {state === "pending" && campaign ? (
        <ConfirmForm token={token} locale={locale} strings={{ intro: isolated((v) => t("intro", v), { title: campaign.title }), button: t("button"), rateLimited: t("rateLimited") }} />
      ) : (
        <>
          <p className="lead" role="status" data-testid="confirm-result">
            {message}
          </p>
          {state === "confirmed" && progress && <SignatureCounter count={progress.count} goal={progress.goal} percent={progress.percent} />}
          {state === "confirmed" && campaign && referralCode && (
            <SharePanel share={shareSet(campaign, locale, referralCode)} variant="confirmed" />
          )}
          {campaign && (
            <p>
              <a href={localePath(`/c/${campaign.slug}`, locale)}>{t("back")}</a>
            </p>
          )}
        </>
      )}
    </main>
  );
}
