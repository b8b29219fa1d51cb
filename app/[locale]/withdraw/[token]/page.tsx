import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { withdrawAction } from "@/app/_actions/signer-links";
import { localePath } from "@/lib/i18n/urls";
import { pageLocale } from "@/lib/i18n/page-locale";
import { lookupWithdrawal } from "@/lib/signatures/withdraw";
import { isolated } from "@/lib/i18n/isolate";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ locale: string; token: string }>;
  searchParams: Promise<{ withdrawn?: string; error?: string }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "Withdraw" });
  return { title: t("title"), robots: { index: false, follow: false }, referrer: "same-origin" };
}

/** The signer's withdrawal link (ADR 053). A GET only reads: the one button's POST withdraws. */
export default async function WithdrawPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const { token } = await params;
  const query = await searchParams;
  const t = await getTranslations("Withdraw");
  const { state, campaign } = await lookupWithdrawal(token, locale);
  if (state === "invalid") notFound();
  return (
    <main id="main" className="narrow">
      {campaign && <p className="eyebrow">{campaign.title}</p>}
      <h1>{t("title")}</h1>
      {state === "active" ? (
        <form action={withdrawAction}>
          <p className="lead">{isolated((v) => t("intro", v), { title: campaign?.title ?? "" })}</p>
          {query.error === "rate-limited" && (
            <p className="error-summary" role="alert">
              {t("rateLimited")}
            </p>
          )}
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="locale" value={locale} />
          <button type="submit" className="button">
            {t("button")}
          </button>
        </form>
      ) : (
        <p className="lead" role="status" data-testid="withdraw-result">
          {query.withdrawn === "1" ? t("withdrawn") : t("already")}
        </p>
      )}
      {campaign && (
        <p>
          <a href={localePath(`/c/${campaign.slug}`, locale)}>{t("back")}</a>
        </p>
      )}
    </main>
  );
}
