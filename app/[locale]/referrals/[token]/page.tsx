import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SharePanel } from "@/components/share/SharePanel";
import { localePath } from "@/lib/i18n/urls";
import { pageLocale } from "@/lib/i18n/page-locale";
import { referralStats } from "@/lib/sharing/referral-stats";
import { shareSet } from "@/lib/sharing/share-links";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ locale: string; token: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "Referrals" });
  // The token is a secret: never indexed, never sent on in a Referer.
  return { title: t("title"), robots: { index: false, follow: false }, referrer: "same-origin" };
}

/** A signer's private page: how many confirmed signatures came through their links. Nothing about who. */
export default async function ReferralsPage({ params }: Props) {
  const locale = await pageLocale(params);
  const { token } = await params;
  const t = await getTranslations("Referrals");
  const stats = await referralStats(token);
  return (
    <main id="main" className="narrow">
      {stats && <p className="eyebrow">{stats.campaign.title}</p>}
      <h1>{t("title")}</h1>
      {!stats ? (
        <p className="lead" role="status">
          {t("invalid")}
        </p>
      ) : stats.referralCode ? (
        <>
          <p className="lead referral-count" data-testid="referral-count" data-count={stats.referredConfirmed}>
            {t("count", { count: stats.referredConfirmed })}
          </p>
          <p className="muted">{t("countNote")}</p>
          <SharePanel share={shareSet(stats.campaign, locale, stats.referralCode)} variant="confirmed" />
        </>
      ) : (
        <p className="lead" role="status">
          {t("pending")}
        </p>
      )}
      {stats && (
        <p>
          <a href={localePath(`/c/${stats.campaign.slug}`, locale)}>{t("back")}</a>
        </p>
      )}
    </main>
  );
}
