import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { renewReferralLinkAction } from "@/app/_actions/signer-links";
import { SharePanel } from "@/components/share/SharePanel";
import { localePath } from "@/lib/i18n/urls";
import { pageLocale } from "@/lib/i18n/page-locale";
import { referralStats } from "@/lib/sharing/referral-stats";
import { shareSet } from "@/lib/sharing/share-links";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ locale: string; token: string }>;
  searchParams: Promise<{ renewed?: string; error?: string }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "Referrals" });
  // The token is a secret: never indexed, never sent on in a Referer.
  return { title: t("title"), robots: { index: false, follow: false }, referrer: "same-origin" };
}

/** A signer's private page: how many confirmed signatures came through their links. Nothing about who. */
export default async function ReferralsPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const { token } = await params;
  const query = await searchParams;
  const t = await getTranslations("Referrals");
  const stats = await referralStats(token, locale);
  // Unknown, replaced by a newer link, withdrawn or erased: a 404 (./not-found.tsx says which link).
  if (!stats) notFound();
  return (
    <main id="main" className="narrow">
      <p className="eyebrow">{stats.campaign.title}</p>
      <h1>{t("title")}</h1>
      {query.renewed === "1" && (
        <p className="lead" role="status" data-testid="referral-renewed">
          {t("renewed")}
        </p>
      )}
      {stats.referralCode ? (
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
      {/* Only from here is a new link made: a repeat signing never replaces it (ADR 053). */}
      <form action={renewReferralLinkAction}>
        <p className="muted">{t("renewIntro")}</p>
        {query.error === "rate-limited" && (
          <p className="error-summary" role="alert">
            {t("rateLimited")}
          </p>
        )}
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="locale" value={locale} />
        <button type="submit" className="button button-secondary">
          {t("renewButton")}
        </button>
      </form>
      <p>
        <a href={localePath(`/c/${stats.campaign.slug}`, locale)}>{t("back")}</a>
      </p>
    </main>
  );
}
